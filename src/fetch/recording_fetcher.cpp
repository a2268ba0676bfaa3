// Records every response an inner fetcher gives, so a live build can be replayed offline.
#include <strings.h>

#include <fstream>

#include "fetch/fetch.h"
#include "fetch/snapshot.h"

namespace confab {

namespace {

class RecordingFetcher : public Fetcher {
 public:
  RecordingFetcher(std::unique_ptr<Fetcher> inner, std::filesystem::path directory)
      : inner_(std::move(inner)), directory_(std::move(directory)) {
    std::filesystem::create_directories(directory_);
    index_ = read_snapshot_index(directory_);
  }

  std::vector<FetchResult> fetch_all(const std::vector<std::string>& urls) override {
    auto results = inner_->fetch_all(urls);
    for (const auto& result : results) {
      // Only answers are recorded: a DNS or connect failure has no response to replay.
      if (result.status == 0) continue;
      record(result);
    }
    write_index();
    return results;
  }

 private:
  void record(const FetchResult& result) {
    const std::string name = snapshot_file_name(result.url);
    const auto path = directory_ / name;
    std::filesystem::create_directories(path.parent_path());
    FetchResult stored = result;
    // The body is stored decoded; a recorded Content-Encoding would lie about it.
    std::erase_if(stored.headers, [](const auto& header) {
      return strcasecmp(header.first.c_str(), "content-encoding") == 0 ||
             strcasecmp(header.first.c_str(), "transfer-encoding") == 0 ||
             strcasecmp(header.first.c_str(), "content-length") == 0;
    });
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << format_recorded_response(stored);
    if (!out) throw std::runtime_error("cannot write snapshot file " + path.string());
    index_[result.url] = path;
  }

  void write_index() const {
    const auto index_path = directory_ / "index.tsv";
    std::ofstream out(index_path, std::ios::trunc);
    out << "# confab replay snapshot: URL<TAB>FILE (raw HTTP response)\n";
    for (const auto& [url, path] : index_) {
      out << url << '\t' << std::filesystem::relative(path, directory_).generic_string() << '\n';
    }
    if (!out) throw std::runtime_error("cannot write " + index_path.string());
  }

  std::unique_ptr<Fetcher> inner_;
  std::filesystem::path directory_;
  std::map<std::string, std::filesystem::path> index_;
};

}  // namespace

std::unique_ptr<Fetcher> make_recording_fetcher(std::unique_ptr<Fetcher> inner,
                                                const std::filesystem::path& directory) {
  return std::make_unique<RecordingFetcher>(std::move(inner), directory);
}

}  // namespace confab
