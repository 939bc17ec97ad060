#pragma once
// An immutable string-keyed hash table with open addressing and linear probing, built once
// from an ordinary map: look-ups touch one flat slot array, so grouping millions of cases
// spends less time in hashing containers than std::unordered_map does.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace dipdrg {

template <class V>
class FrozenStringMap {
public:
    FrozenStringMap() = default;

    template <class Map>
    explicit FrozenStringMap(Map&& source) {
        std::size_t capacity = 8;
        while (capacity < source.size() * 2) capacity *= 2;
        slots_.assign(capacity, Slot{0, kEmpty});
        mask_ = capacity - 1;
        keys_.reserve(source.size());
        values_.reserve(source.size());
        for (auto& [key, value] : source) {
            const auto index = static_cast<std::uint32_t>(keys_.size());
            keys_.push_back(key);
            values_.push_back(std::move(value));
            const std::uint64_t h = hash(key);
            std::size_t i = h & mask_;
            while (slots_[i].index != kEmpty) i = (i + 1) & mask_;
            slots_[i] = Slot{h, index};
        }
    }

    const V* find(std::string_view key) const {
        if (slots_.empty()) return nullptr;
        const std::uint64_t h = hash(key);
        for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
            const Slot& s = slots_[i];
            if (s.index == kEmpty) return nullptr;
            if (s.hash == h && keys_[s.index] == key) return &values_[s.index];
        }
    }
    std::size_t size() const { return keys_.size(); }

private:
    static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;
    struct Slot {
        std::uint64_t hash;
        std::uint32_t index;
    };
    static std::uint64_t hash(std::string_view s) { return std::hash<std::string_view>{}(s); }
    std::vector<Slot> slots_;
    std::vector<std::string> keys_;
    std::vector<V> values_;
    std::size_t mask_ = 0;
};

}  // namespace dipdrg
