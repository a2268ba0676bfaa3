// IP addresses and what kind of network they belong to: the ground of the one outbound policy
// (fetch checks the address it connects to; the crawl checks hosts written as addresses).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace confab {

/// An IPv4 address is kept in its IPv4-mapped IPv6 form (::ffff:a.b.c.d), so one type holds both.
struct IpAddress {
  std::array<std::uint8_t, 16> bytes{};
  bool is_v4() const;
  friend bool operator==(const IpAddress&, const IpAddress&) = default;
};

IpAddress ipv4_address(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d);

/// A host written as an address: dotted IPv4 and the other forms the system resolver accepts
/// for it ("127.1", "0x7f.0.0.1", "2130706433", "0177.0.0.1"), or IPv6 with or without
/// brackets. nullopt for a name.
std::optional<IpAddress> parse_ip_address(std::string_view host);

/// "127.0.0.1", "::1", "fd00::1" (IPv4-mapped addresses written as IPv4).
std::string format_ip_address(const IpAddress& address);

/// Where an address leads. Everything but `global` reaches this machine, its network or its
/// provider's, or no single host: a fetch there is refused unless site.toml allows it.
enum class AddressKind {
  global,
  loopback,      ///< 127/8, ::1
  unspecified,   ///< 0/8, ::
  private_use,   ///< 10/8, 172.16/12, 192.168/16 (RFC 1918)
  shared,        ///< 100.64/10, carrier-grade NAT (RFC 6598)
  link_local,    ///< 169.254/16 (cloud metadata lives here), fe80::/10
  unique_local,  ///< fc00::/7
  multicast,     ///< 224/4, ff00::/8
  reserved,      ///< 240/4 and broadcast, 192.0.0/24, 198.18/15 (benchmarking), documentation
};

/// The kind of `address`. IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64's
/// 64:ff9b::/96, 6to4's 2002::/16) take the kind of the IPv4 address they carry.
AddressKind address_kind(const IpAddress& address);

/// "loopback", "private", "link-local"… for messages.
const char* address_kind_name(AddressKind kind);

}  // namespace confab
