// SHA-256 (FIPS 180-4): the published test vectors, padding boundaries, incremental
// hashing, and file hashing used for catalog checksums.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "dipdrg/catalog/sha256.hpp"

using dipdrg::catalog::Sha256;
using dipdrg::catalog::sha256_file;
using dipdrg::catalog::sha256_hex;
namespace fs = std::filesystem;

namespace {
const std::string kEmpty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const std::string kAbc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
const std::string k448Msg = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
const std::string k448 = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
const std::string kMillionA = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";

std::string hex_of(const std::array<std::uint8_t, 32>& d) {
    static const char* hex = "0123456789abcdef";
    std::string s;
    for (auto b : d) {
        s.push_back(hex[b >> 4]);
        s.push_back(hex[b & 15]);
    }
    return s;
}
}  // namespace

// The FIPS 180-4 / NIST example vectors.
TEST_CASE("sha256: known vectors", "[sha256]") {
    CHECK(sha256_hex("") == kEmpty);
    CHECK(sha256_hex("abc") == kAbc);
    CHECK(sha256_hex(k448Msg) == k448);
    CHECK(sha256_hex(std::string(1000000, 'a')) == kMillionA);
}

// Lengths around the 55/56/64-byte padding boundaries (values from Python's hashlib).
TEST_CASE("sha256: padding boundary lengths", "[sha256]") {
    struct V {
        std::size_t n;
        const char* hex;
    };
    const V vectors[] = {
        {55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
        {56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
        {63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"},
        {64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
        {65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"},
        {119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"},
        {120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"},
        {128, "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e"},
    };
    for (const auto& v : vectors) {
        INFO("length " << v.n);
        CHECK(sha256_hex(std::string(v.n, 'a')) == v.hex);
    }
}

// UTF-8 text hashes its bytes (catalog tables are UTF-8).
TEST_CASE("sha256: UTF-8 input", "[sha256]") {
    CHECK(sha256_hex("病案首页") == "531572d3b0055fada0d5106e034d00cf1e1e70d390b114801c99bb309eea79ec");
}

// Feeding the data in pieces of any size gives the one-shot digest.
TEST_CASE("sha256: incremental update equals one-shot", "[sha256]") {
    const std::string million(1000000, 'a');
    for (std::size_t piece : {1u, 3u, 55u, 63u, 64u, 65u, 1000u, 4096u, 65537u}) {
        INFO("piece size " << piece);
        Sha256 h;
        for (std::size_t i = 0; i < million.size(); i += piece)
            h.update(million.data() + i, std::min(piece, million.size() - i));
        CHECK(h.hex_digest() == kMillionA);
    }
    // Uneven pieces, mixing the buffered and the direct-compress paths.
    Sha256 h;
    std::size_t pos = 0, step = 1;
    while (pos < k448Msg.size()) {
        auto n = std::min(step, k448Msg.size() - pos);
        h.update(std::string_view(k448Msg).substr(pos, n));
        pos += n;
        step = step * 3 + 1;
    }
    CHECK(h.hex_digest() == k448);
    // Empty updates change nothing.
    Sha256 e;
    e.update("", 0);
    e.update(std::string_view("abc"));
    e.update(nullptr, 0);
    CHECK(e.hex_digest() == kAbc);
}

// digest() returns the same bytes that hex_digest() prints.
TEST_CASE("sha256: digest bytes match the hex digest", "[sha256]") {
    Sha256 h;
    h.update(std::string_view("abc"));
    auto d = h.digest();
    CHECK(d[0] == 0xba);
    CHECK(d[31] == 0xad);
    CHECK(hex_of(d) == kAbc);
}

// sha256_file hashes the file's bytes; a missing file throws.
TEST_CASE("sha256: file hashing", "[sha256]") {
    auto dir = fs::temp_directory_path() / ("dipdrg-test-sha-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    auto small = (dir / "abc.txt").string();
    auto big = (dir / "big.txt").string();
    {
        std::ofstream(small, std::ios::binary) << "abc";
        std::ofstream(big, std::ios::binary) << std::string(1000000, 'a');
    }
    CHECK(sha256_file(small) == kAbc);
    CHECK(sha256_file(big) == kMillionA);  // larger than the read buffer
    CHECK_THROWS_AS(sha256_file((dir / "missing.txt").string()), std::runtime_error);
    fs::remove_all(dir);
}
