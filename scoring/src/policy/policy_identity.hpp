#pragma once
// The identity every policy file carries: name, region and effective dates. Internal to the
// policy readers (scoring, payment, reimbursement), which read it the same way.
#include <boost/property_tree/ptree.hpp>
#include <string>

namespace dipdrg::catalog::detail {

// Keeps the policy's own defaults for name and region; dates default to open.
template <class Policy>
void read_policy_identity(const boost::property_tree::ptree& tree, Policy& p) {
    p.name = tree.get<std::string>("name", p.name);
    p.region = tree.get<std::string>("region", p.region);
    p.effective_from = tree.get<std::string>("effective_from", "");
    p.effective_to = tree.get<std::string>("effective_to", "");
}

}  // namespace dipdrg::catalog::detail
