// Fuzz target: every JSON policy reader (DIP tie-break, DIP scoring, CHS-DRG payment,
// reimbursement) on arbitrary bytes. A reader may refuse its input with an exception; it must
// never crash, hang or exhaust the stack.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>

#include "dipdrg/catalog/dip_import.hpp"
#include "dipdrg/catalog/reimbursement_policy_io.hpp"
#include "dipdrg/catalog/scoring_policy_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        dipdrg::catalog::parse_dip_policy_json(text);
    } catch (const std::exception&) {
    }
    try {
        dipdrg::catalog::parse_dip_scoring_policy_json(text);
    } catch (const std::exception&) {
    }
    try {
        dipdrg::catalog::parse_drg_payment_policy_json(text);
    } catch (const std::exception&) {
    }
    try {
        dipdrg::catalog::parse_reimbursement_policy_json(text, "/nonexistent");
    } catch (const std::exception&) {
    }
    return 0;
}
