#include "cli/site_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <exception>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <string_view>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <utility>

namespace confab {

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SiteFileError(path.string() + ": cannot read");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

/// Every regular file under `dir`, keyed by its path relative to `dir` (with '/' separators).
void read_tree(const fs::path& dir, std::map<std::string, std::string>& into) {
  if (!fs::is_directory(dir)) return;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    into[fs::relative(entry.path(), dir).generic_string()] = read_file(entry.path());
  }
}

bool is_safe_relative(const std::string& path) {
  if (path.empty() || path.front() == '/') return false;
  for (const auto& part : fs::path(path)) {
    if (part == ".." || part == ".") return false;
  }
  return true;
}

/// What the OS said about errno `code`, e.g. "No space left on device".
std::string describe(int code) {
  return std::generic_category().message(code);
}

/// Closes a descriptor on every way out; the success path closes it itself to see the error.
struct ClosesOnExit {
  int fd;
  ~ClosesOnExit() {
    if (fd >= 0) ::close(fd);
  }
};

/// Writes `file` under `root`. Errors name it under `shown_root`: the output folder the user
/// knows, not the staging folder it is written into.
void write_file(const fs::path& root, const OutputFile& file, const fs::path& shown_root) {
  const auto failure = [&](const char* what) {
    const int code = errno;  // before building the message touches it
    return SiteFileError((shown_root / file.path).string() + ": " + what + ": " + describe(code));
  };
  ClosesOnExit out{
      ::open((root / file.path).c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666)};
  if (out.fd < 0) throw failure("cannot create");
  std::string_view bytes = file.bytes;
  while (!bytes.empty()) {
    const ssize_t written = ::write(out.fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      throw failure("cannot write");
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  if (::close(std::exchange(out.fd, -1)) != 0) throw failure("cannot write");
}

/// The files to write, checked before anything is written: every path stays inside the output,
/// and when two files share a path the later one wins (as it did when they were written in turn).
std::vector<const OutputFile*> checked_files(const std::vector<OutputFile>& files) {
  std::unordered_map<std::string_view, std::size_t> slot_of_path;
  std::vector<const OutputFile*> checked;
  checked.reserve(files.size());
  for (const auto& file : files) {
    if (!is_safe_relative(file.path)) {
      throw SiteFileError("refusing to write '" + file.path + "': outside the output folder");
    }
    const auto [slot, is_new] = slot_of_path.try_emplace(file.path, checked.size());
    if (is_new) {
      checked.push_back(&file);
    } else {
      checked[slot->second] = &file;
    }
  }
  return checked;
}

/// Every folder the files go into, and each one's ancestors, once. Sorted, a folder comes before
/// the folders inside it (a string sorts before the strings it is a prefix of).
std::set<std::string> folders_for(const std::vector<const OutputFile*>& files) {
  std::set<std::string> folders;
  for (const OutputFile* file : files) {
    std::string_view folder = file->path;
    for (auto slash = folder.rfind('/'); slash != std::string_view::npos;
         slash = folder.rfind('/')) {
      folder = folder.substr(0, slash);
      // Once a folder is known, so are its ancestors.
      if (folder.empty() || !folders.emplace(folder).second) break;
    }
  }
  return folders;
}

/// Creates `folders` (sorted, parents first) under `root`, one system call each.
void make_folders(const fs::path& root, const std::set<std::string>& folders,
                  const fs::path& shown_root) {
  for (const auto& folder : folders) {
    // EEXIST: "a//b" and "a/b" name the same folder.
    if (::mkdir((root / folder).c_str(), 0777) == 0 || errno == EEXIST) continue;
    const int code = errno;
    throw SiteFileError((shown_root / folder).string() +
                        ": cannot create folder: " + describe(code));
  }
}

/// Writes the files under `root` (their folders exist) on several threads: creating and
/// filling thousands of small files is system-call bound, and the kernel runs those side by
/// side. The first error stops the others and is rethrown once every thread has stopped.
void write_files(const fs::path& root, const std::vector<const OutputFile*>& files,
                 const fs::path& shown_root) {
  const std::size_t workers =
      std::min<std::size_t>(files.size(), std::max(2u, std::thread::hardware_concurrency()));
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex error_lock;
  std::exception_ptr first_error;
  const auto write_some = [&] {
    while (!failed.load(std::memory_order_relaxed)) {
      const std::size_t index = next.fetch_add(1, std::memory_order_relaxed);
      if (index >= files.size()) return;
      try {
        write_file(root, *files[index], shown_root);
      } catch (...) {
        const std::lock_guard<std::mutex> hold(error_lock);
        if (!first_error) first_error = std::current_exception();
        failed = true;
      }
    }
  };
  std::vector<std::thread> helpers;
  try {
    for (std::size_t helper = 1; helper < workers; ++helper) helpers.emplace_back(write_some);
  } catch (const std::system_error&) {
    // No more threads to be had: the ones started and this one write everything.
  }
  write_some();
  for (std::thread& helper : helpers) helper.join();
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace

Theme load_theme(const SiteConfig& config) {
  const fs::path theme_dir = config.root / "themes" / config.site.theme;
  if (!fs::is_directory(theme_dir / "templates")) {
    throw SiteFileError(config.file.string() + ": theme '" + config.site.theme +
                        "' not found (expected " + (theme_dir / "templates").string() + ")");
  }
  Theme theme;
  read_tree(theme_dir / "templates", theme.templates);
  read_tree(config.root / "layouts", theme.templates);  // the site's own files win
  read_tree(theme_dir / "static", theme.static_files);
  read_tree(config.root / "static", theme.static_files);
  std::map<std::string, std::string> i18n_files;  // "fr.toml" -> text; the site's win
  read_tree(theme_dir / "i18n", i18n_files);
  read_tree(config.root / "i18n", i18n_files);
  for (auto& [name, text] : i18n_files) {
    if (name.ends_with(".toml")) theme.i18n[name.substr(0, name.size() - 5)] = std::move(text);
  }
  return theme;
}

std::vector<ContentFile> load_content(const SiteConfig& config) {
  std::map<std::string, std::string> files;
  read_tree(config.root / "content", files);
  std::vector<ContentFile> content;
  for (auto& [path, text] : files) {
    if (fs::path(path).extension() == ".md") content.push_back({path, std::move(text)});
  }
  return content;
}

void write_output_atomically(const fs::path& output, const std::vector<OutputFile>& files) {
  const std::vector<const OutputFile*> checked = checked_files(files);
  const std::set<std::string> folders = folders_for(checked);
  const fs::path target = fs::absolute(output).lexically_normal();
  const fs::path parent = target.parent_path();
  const std::string suffix = "." + std::to_string(getpid());
  const fs::path staging = parent / ("." + target.filename().string() + ".new" + suffix);
  const fs::path previous = parent / ("." + target.filename().string() + ".old" + suffix);
  try {
    fs::create_directories(parent);
    fs::remove_all(staging);
    fs::create_directories(staging);
    make_folders(staging, folders, target);
    write_files(staging, checked, target);
    // Two renames: the old output exists until the new one is in place.
    if (fs::exists(target)) fs::rename(target, previous);
    fs::rename(staging, target);
    fs::remove_all(previous);
  } catch (const fs::filesystem_error& error) {
    std::error_code ignored;
    fs::remove_all(staging, ignored);
    if (!fs::exists(target, ignored) && fs::exists(previous, ignored)) {
      fs::rename(previous, target, ignored);
    }
    throw SiteFileError(target.string() + ": cannot write output: " + error.what());
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(staging, ignored);
    throw;
  }
}

}  // namespace confab
