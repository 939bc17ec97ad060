#include "dipdrg/code_dictionary.hpp"

namespace dipdrg {

CodeId CodeDictionary::intern(std::string_view code) {
    const auto next = static_cast<CodeId>(codes_.size());
    const CodeId id = index_.insert(code, next);
    if (id == next) codes_.emplace_back(code);
    return id;
}

void CodeDictionary::rebuild_index() {
    index_.clear();
    for (CodeId i = 0; i < codes_.size(); ++i) index_.insert(codes_[i], i);
}

}  // namespace dipdrg
