#include "dipdrg/drg_catalog.hpp"

namespace dipdrg {
namespace {
template <class T>
Index find_by_code(const std::vector<T>& items, std::string_view code) {
    for (std::size_t i = 0; i < items.size(); ++i)
        if (items[i].code == code) return static_cast<Index>(i);
    return kNone;
}
}  // namespace

Index DrgCatalog::find_mdc(std::string_view code) const {
    return find_by_code(mdcs, code);
}
Index DrgCatalog::find_adrg(std::string_view code) const {
    return find_by_code(adrgs, code);
}
Index DrgCatalog::find_drg(std::string_view code) const {
    return find_by_code(drgs, code);
}

}  // namespace dipdrg
