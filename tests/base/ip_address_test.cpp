#include "base/ip_address.h"

#include <gtest/gtest.h>

namespace confab {
namespace {

AddressKind kind_of(const char* host) {
  const auto address = parse_ip_address(host);
  EXPECT_TRUE(address.has_value()) << host;
  return address ? address_kind(*address) : AddressKind::global;
}

TEST(IpAddress, EveryKindOfNetworkIsRecognised) {
  const std::pair<const char*, AddressKind> cases[] = {
      {"127.0.0.1", AddressKind::loopback},
      {"127.255.0.9", AddressKind::loopback},
      {"::1", AddressKind::loopback},
      {"0.0.0.0", AddressKind::unspecified},
      {"::", AddressKind::unspecified},
      {"10.0.0.1", AddressKind::private_use},
      {"172.16.0.1", AddressKind::private_use},
      {"172.31.255.255", AddressKind::private_use},
      {"192.168.1.1", AddressKind::private_use},
      {"100.64.0.1", AddressKind::shared},
      {"100.127.255.254", AddressKind::shared},
      {"169.254.169.254", AddressKind::link_local},
      {"fe80::1", AddressKind::link_local},
      {"fc00::1", AddressKind::unique_local},
      {"fd12:3456::1", AddressKind::unique_local},
      {"224.0.0.1", AddressKind::multicast},
      {"239.255.255.250", AddressKind::multicast},
      {"ff02::1", AddressKind::multicast},
      {"255.255.255.255", AddressKind::reserved},
      {"240.0.0.1", AddressKind::reserved},
      {"198.18.0.1", AddressKind::reserved},
      {"192.0.2.1", AddressKind::reserved},
      {"2001:db8::1", AddressKind::reserved},
      {"8.8.8.8", AddressKind::global},
      {"172.32.0.1", AddressKind::global},
      {"100.128.0.1", AddressKind::global},
      {"2606:4700::1111", AddressKind::global},
      {"192.169.0.1", AddressKind::global},
  };
  for (const auto& [host, kind] : cases) {
    EXPECT_EQ(kind_of(host), kind) << host << " is " << address_kind_name(kind_of(host));
  }
}

TEST(IpAddress, IPv6FormsCarryingAnIPv4AddressAreJudgedByIt) {
  EXPECT_EQ(kind_of("::ffff:127.0.0.1"), AddressKind::loopback);      // mapped
  EXPECT_EQ(kind_of("::ffff:7f00:1"), AddressKind::loopback);         // mapped, hex
  EXPECT_EQ(kind_of("::10.0.0.1"), AddressKind::private_use);         // compatible
  EXPECT_EQ(kind_of("64:ff9b::a9fe:a9fe"), AddressKind::link_local);  // NAT64 169.254.169.254
  EXPECT_EQ(kind_of("2002:c0a8:0101::1"), AddressKind::private_use);  // 6to4 of 192.168.1.1
  EXPECT_EQ(kind_of("::ffff:8.8.8.8"), AddressKind::global);
}

TEST(IpAddress, EveryIPv4SpellingTheResolverTakesIsAnAddress) {
  for (const char* host : {"2130706433", "127.1", "0x7f.0.0.1", "0177.0.0.1", "0x7f000001"}) {
    EXPECT_EQ(kind_of(host), AddressKind::loopback) << host;
  }
  EXPECT_EQ(kind_of("[::1]"), AddressKind::loopback);
  EXPECT_EQ(kind_of("fe80::1%eth0"), AddressKind::link_local);
}

TEST(IpAddress, NamesAreNotAddresses) {
  for (const char* host : {"blog.example", "1.2.3.4.example", "localhost", "", "[]", "::g",
                           "256.1.1.1.1", "[127.0.0.1"}) {
    EXPECT_FALSE(parse_ip_address(host).has_value()) << host;
  }
}

TEST(IpAddress, FormatsAsWrittenForPeople) {
  EXPECT_EQ(format_ip_address(*parse_ip_address("127.1")), "127.0.0.1");
  EXPECT_EQ(format_ip_address(*parse_ip_address("[FD00:0::5]")), "fd00::5");
  EXPECT_TRUE(parse_ip_address("10.0.0.1")->is_v4());
  EXPECT_FALSE(parse_ip_address("::1")->is_v4());
}

}  // namespace
}  // namespace confab
