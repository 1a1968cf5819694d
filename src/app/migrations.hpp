// The schema of Varde, as the ordered list of its migrations.
#pragma once

#include <vector>

#include "store/migrate.hpp"

namespace varde::app {

const std::vector<store::Migration>& migrations();

}  // namespace varde::app
