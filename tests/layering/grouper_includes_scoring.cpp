// Compiled against the grouper layer only: scoring/ comes later in the flow, so its headers
// are out of reach and this file must not build.
#include "dipdrg/case.hpp"
#include "dipdrg/settlement.hpp"

int layering_probe_backward() {
    return 0;
}
