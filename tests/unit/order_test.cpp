#include <catch2/catch.hpp>

#include "order.h"

using storydiff::detail::heaviest_increasing;

TEST_CASE("the spine keeps the longest ordered run", "[order]") {
  // old order 0..5; new positions: sentence 4 moved to the front.
  const auto keep = heaviest_increasing({1, 2, 3, 4, 0, 5}, {1, 1, 1, 1, 1, 1});
  CHECK(keep == std::vector<bool>{true, true, true, true, false, true});
}

TEST_CASE("a swap of two keeps the earlier claim in place", "[order]") {
  CHECK(heaviest_increasing({1, 0}, {1, 1}) == std::vector<bool>{true, false});
}

TEST_CASE("weights decide between equally long runs", "[order]") {
  // A split (weight 2) at new position 0 outweighs a single sentence at new position 1.
  CHECK(heaviest_increasing({1, 0}, {1, 2}) == std::vector<bool>{false, true});
}

TEST_CASE("empty and sorted inputs", "[order]") {
  CHECK(heaviest_increasing({}, {}).empty());
  CHECK(heaviest_increasing({0, 1, 2}, {1, 1, 1}) == std::vector<bool>{true, true, true});
  CHECK(heaviest_increasing({2, 1, 0}, {1, 1, 1}) == std::vector<bool>{true, false, false});
}

TEST_CASE("equal new positions are not both kept", "[order]") {
  // Two old sentences merged into one new sentence share its position.
  const auto keep = heaviest_increasing({0, 0, 1}, {1, 1, 1});
  CHECK(std::count(keep.begin(), keep.end(), true) == 2);
}
