#include "base/ip_address.h"

#include <arpa/inet.h>

#include <cstring>

namespace confab {

namespace {

constexpr std::array<std::uint8_t, 12> kMappedPrefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

bool starts_with_bytes(const IpAddress& address, std::initializer_list<std::uint8_t> prefix) {
  std::size_t at = 0;
  for (const std::uint8_t byte : prefix) {
    if (address.bytes[at++] != byte) return false;
  }
  return true;
}

/// The IPv4 address in bytes [from, from+4) of `address`.
IpAddress embedded_v4(const IpAddress& address, std::size_t from) {
  return ipv4_address(address.bytes[from], address.bytes[from + 1], address.bytes[from + 2],
                      address.bytes[from + 3]);
}

AddressKind v4_kind(std::uint8_t a, std::uint8_t b, std::uint8_t c) {
  if (a == 127) return AddressKind::loopback;
  if (a == 0) return AddressKind::unspecified;
  if (a == 10 || (a == 172 && b >= 16 && b < 32) || (a == 192 && b == 168)) {
    return AddressKind::private_use;
  }
  if (a == 100 && b >= 64 && b < 128) return AddressKind::shared;
  if (a == 169 && b == 254) return AddressKind::link_local;
  if (a >= 224 && a < 240) return AddressKind::multicast;
  if (a >= 240) return AddressKind::reserved;
  if ((a == 192 && b == 0 && (c == 0 || c == 2)) || (a == 198 && (b == 18 || b == 19)) ||
      (a == 198 && b == 51 && c == 100) || (a == 203 && b == 0 && c == 113)) {
    return AddressKind::reserved;
  }
  return AddressKind::global;
}

}  // namespace

bool IpAddress::is_v4() const {
  return std::memcmp(bytes.data(), kMappedPrefix.data(), kMappedPrefix.size()) == 0;
}

IpAddress ipv4_address(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) {
  IpAddress address;
  std::memcpy(address.bytes.data(), kMappedPrefix.data(), kMappedPrefix.size());
  address.bytes[12] = a;
  address.bytes[13] = b;
  address.bytes[14] = c;
  address.bytes[15] = d;
  return address;
}

std::optional<IpAddress> parse_ip_address(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host.empty() || host.size() > 64) return std::nullopt;
  const std::string text(host);
  IpAddress address;
  if (text.find(':') != std::string::npos) {
    // A zone ("fe80::1%eth0") names an interface, not another address.
    const std::string without_zone = text.substr(0, text.find('%'));
    if (inet_pton(AF_INET6, without_zone.c_str(), address.bytes.data()) == 1) return address;
    return std::nullopt;
  }
  // inet_aton takes every IPv4 form getaddrinfo does (octal, hex, fewer parts, one number).
  in_addr v4{};
  if (inet_aton(text.c_str(), &v4) == 0) return std::nullopt;
  const auto* b = reinterpret_cast<const std::uint8_t*>(&v4.s_addr);
  return ipv4_address(b[0], b[1], b[2], b[3]);
}

std::string format_ip_address(const IpAddress& address) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address.is_v4()) {
    inet_ntop(AF_INET, address.bytes.data() + 12, text, sizeof text);
  } else {
    inet_ntop(AF_INET6, address.bytes.data(), text, sizeof text);
  }
  return text;
}

AddressKind address_kind(const IpAddress& address) {
  const auto& b = address.bytes;
  if (address.is_v4()) return v4_kind(b[12], b[13], b[14]);
  // Forms that carry an IPv4 address reach it: judge that address.
  if (starts_with_bytes(address, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}) && (b[12] | b[13]) != 0) {
    return address_kind(embedded_v4(address, 12));  // IPv4-compatible ::a.b.c.d
  }
  if (starts_with_bytes(address, {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0})) {
    return address_kind(embedded_v4(address, 12));  // NAT64 64:ff9b::/96
  }
  if (starts_with_bytes(address, {0x20, 0x02})) return address_kind(embedded_v4(address, 2));
  bool all_zero = true;
  for (std::size_t i = 0; i < 15; ++i) all_zero = all_zero && b[i] == 0;
  if (all_zero && b[15] == 1) return AddressKind::loopback;
  if (all_zero && b[15] == 0) return AddressKind::unspecified;
  if ((b[0] & 0xfe) == 0xfc) return AddressKind::unique_local;
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return AddressKind::link_local;
  if (b[0] == 0xff) return AddressKind::multicast;
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) {
    return AddressKind::reserved;  // 2001:db8::/32, documentation
  }
  return AddressKind::global;
}

const char* address_kind_name(AddressKind kind) {
  switch (kind) {
    case AddressKind::global:
      return "public";
    case AddressKind::loopback:
      return "loopback";
    case AddressKind::unspecified:
      return "unspecified";
    case AddressKind::private_use:
      return "private";
    case AddressKind::shared:
      return "shared (carrier-grade NAT)";
    case AddressKind::link_local:
      return "link-local";
    case AddressKind::unique_local:
      return "unique-local";
    case AddressKind::multicast:
      return "multicast";
    case AddressKind::reserved:
      return "reserved";
  }
  return "unknown";
}

}  // namespace confab
