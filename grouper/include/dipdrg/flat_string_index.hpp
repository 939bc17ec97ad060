#pragma once
// A string → uint32 hash index with open addressing: each slot holds the hash, the value and
// keys of up to 16 bytes inline, so a look-up of a diagnosis or procedure code usually reads
// one cache line and no other memory. Codes interned from millions of cases go through here.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace dipdrg {

// A fast 64-bit hash for short codes (multiply–xorshift over 8-byte words).
inline std::uint64_t code_hash(std::string_view s) noexcept {
    std::uint64_t h = 0x9E3779B97F4A7C15ull ^ (s.size() * 0xC2B2AE3D27D4EB4Full);
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t k;
        std::memcpy(&k, s.data() + i, 8);
        h = (h ^ k) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
    }
    std::uint64_t k = 0;
    std::memcpy(&k, s.data() + i, s.size() - i);
    h = (h ^ k) * 0x94D049BB133111EBull;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 32);
}

class FlatStringIndex {
public:
    static constexpr std::uint32_t kAbsent = 0xFFFFFFFFu;

    // The value of `key`, or kAbsent.
    std::uint32_t find(std::string_view key) const noexcept {
        if (slots_.empty()) return kAbsent;
        const std::uint64_t h = code_hash(key);
        for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
            const Slot& s = slots_[i];
            if (s.value == kAbsent) return kAbsent;
            if (s.hash == h && s.length == key.size() && same(s, key)) return s.value;
        }
    }

    // Adds key → value unless the key is present; returns the value now stored.
    std::uint32_t insert(std::string_view key, std::uint32_t value) {
        if ((size_ + 1) * 2 > slots_.size()) grow();
        const std::uint64_t h = code_hash(key);
        std::size_t i = h & mask_;
        for (; slots_[i].value != kAbsent; i = (i + 1) & mask_)
            if (slots_[i].hash == h && slots_[i].length == key.size() && same(slots_[i], key))
                return slots_[i].value;
        Slot& s = slots_[i];
        s.hash = h;
        s.value = value;
        s.length = static_cast<std::uint32_t>(key.size());
        if (key.size() <= kInline) {
            std::memcpy(s.text, key.data(), key.size());
        } else {
            const auto spill = static_cast<std::uint32_t>(long_keys_.size());
            long_keys_.emplace_back(key);
            std::memcpy(s.text, &spill, sizeof spill);
        }
        ++size_;
        return value;
    }

    void clear() {
        slots_.clear();
        long_keys_.clear();
        size_ = 0;
        mask_ = 0;
    }
    std::size_t size() const noexcept { return size_; }

private:
    static constexpr std::size_t kInline = 16;
    struct Slot {
        std::uint64_t hash = 0;
        std::uint32_t value = kAbsent;
        std::uint32_t length = 0;
        char text[kInline];  // the key, or the index of a long key in long_keys_
    };

    bool same(const Slot& s, std::string_view key) const noexcept {
        if (key.size() <= kInline) return std::memcmp(s.text, key.data(), key.size()) == 0;
        std::uint32_t spill;
        std::memcpy(&spill, s.text, sizeof spill);
        return long_keys_[spill] == key;
    }

    void grow() {
        std::vector<Slot> old = std::move(slots_);
        const std::size_t capacity = old.empty() ? 16 : old.size() * 2;
        slots_.assign(capacity, Slot{});
        mask_ = capacity - 1;
        for (const Slot& s : old) {
            if (s.value == kAbsent) continue;
            std::size_t i = s.hash & mask_;
            while (slots_[i].value != kAbsent) i = (i + 1) & mask_;
            slots_[i] = s;
        }
    }

    std::vector<Slot> slots_;
    std::vector<std::string> long_keys_;
    std::size_t size_ = 0;
    std::size_t mask_ = 0;
};

}  // namespace dipdrg
