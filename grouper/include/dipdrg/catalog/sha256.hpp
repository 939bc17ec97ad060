#pragma once
// SHA-256 (FIPS 180-4) for catalog table checksums and snapshot integrity.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace dipdrg::catalog {

class Sha256 {
public:
    Sha256();
    void update(const void* data, std::size_t size);
    void update(std::string_view s) { update(s.data(), s.size()); }
    std::array<std::uint8_t, 32> digest();
    std::string hex_digest();

private:
    void compress(const std::uint8_t* block);
    std::array<std::uint32_t, 8> state_{};
    std::array<std::uint8_t, 64> buffer_{};
    std::size_t buffered_ = 0;
    std::uint64_t total_bytes_ = 0;
};

std::string sha256_hex(std::string_view data);
// Hashes a whole file; throws std::runtime_error when it cannot be read.
std::string sha256_file(const std::string& path);

}  // namespace dipdrg::catalog
