// Interning of short strings (tokens, words) to dense ids, for the hot loops that see every token
// of both documents: an open-addressing table of views, no allocation per entry.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace storydiff::detail {

/// Maps strings to ids 0, 1, 2... in order of first sight. Keys are views: the bytes they point
/// to must outlive the table (the documents' texts do).
class StringIds {
 public:
  explicit StringIds(std::size_t expected = 0) { rehash(capacity_for(expected)); }

  /// The id of `s`, a new one (== size() before the call) when it was not seen yet.
  std::uint32_t intern(std::string_view s) {
    const std::uint64_t h = hash(s);
    std::size_t slot = static_cast<std::size_t>(h) & mask_;
    for (;;) {
      Slot& e = slots_[slot];
      if (e.id == kEmpty) break;
      if (e.hash == h && keys_[e.id] == s) return e.id;
      slot = (slot + 1) & mask_;
    }
    const auto id = static_cast<std::uint32_t>(keys_.size());
    keys_.push_back(s);
    slots_[slot] = {h, id};
    if (keys_.size() * 2 > slots_.size()) rehash(slots_.size() * 2);
    return id;
  }

  std::size_t size() const { return keys_.size(); }

 private:
  static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;
  struct Slot {
    std::uint64_t hash;
    std::uint32_t id;
  };

  // Eight bytes at a time, multiply and fold: tokens are short, and this runs once per token.
  static std::uint64_t hash(std::string_view s) {
    constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
    std::uint64_t h = s.size() * kMul;
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      h = (h ^ w) * kMul;
      h ^= h >> 29;
    }
    if (i < s.size()) {
      std::uint64_t w = 0;
      std::memcpy(&w, s.data() + i, s.size() - i);
      h = (h ^ w) * kMul;
      h ^= h >> 29;
    }
    h *= kMul;
    return h ^ (h >> 32);
  }

  static std::size_t capacity_for(std::size_t n) {
    std::size_t c = 16;
    while (c < 2 * n) c *= 2;
    return c;
  }

  void rehash(std::size_t capacity) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(capacity, Slot{0, kEmpty});
    mask_ = capacity - 1;
    for (const Slot& e : old) {
      if (e.id == kEmpty) continue;
      std::size_t slot = static_cast<std::size_t>(e.hash) & mask_;
      while (slots_[slot].id != kEmpty) slot = (slot + 1) & mask_;
      slots_[slot] = e;
    }
  }

  std::vector<Slot> slots_;
  std::vector<std::string_view> keys_;
  std::size_t mask_ = 0;
};

}  // namespace storydiff::detail
