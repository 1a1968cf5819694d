// The organisation tree the generator made, as the later stages need it.
// Private to src/bench.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace varde::bench {

struct TreeTrust {
  int64_t id = 0;
  std::string code;
  std::vector<int64_t> units;  // divisions and units under it
};

struct TreeRegion {
  int64_t id = 0;
  std::string code;
  std::vector<TreeTrust> trusts;  // the first is the region's IT provider
};

struct Tree {
  int64_t root = 0;
  std::vector<TreeRegion> regions;
  std::map<int64_t, std::vector<int64_t>> leaders;  // node id → the users leading there
};

}  // namespace varde::bench
