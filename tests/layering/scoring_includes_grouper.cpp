// Compiled against the scoring layer: the grouper layer before it is in reach.
#include "dipdrg/case.hpp"
#include "dipdrg/settlement.hpp"

int layering_probe_forward() {
    return 0;
}
