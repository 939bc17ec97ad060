#pragma once
// Cases straight from Arrow record batches (C Data Interface), reading the buffers in place:
// utf8 (`u`), large utf8 (`U`), string views (`vu`), dictionary-encoded strings, integers,
// floats, booleans, decimal32/64/128 (exact, never through a float), date32/date64 and
// timestamps (the local date; UTC, fixed offsets and China's zones), and list<utf8> /
// large_list<utf8> for code lists; validity bitmaps and array offsets honoured. No libarrow.
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "dipdrg/arrow_c.hpp"
#include "dipdrg/case.hpp"
#include "dipdrg/case_fields.hpp"

namespace dipdrg {

// Owns a stream and releases it (and any schema it handed out) on destruction.
class ArrowStreamReader {
public:
    // Takes over `stream` (its release callback is moved here and cleared in the source).
    explicit ArrowStreamReader(ArrowArrayStream* stream);
    ~ArrowStreamReader();
    ArrowStreamReader(const ArrowStreamReader&) = delete;
    ArrowStreamReader& operator=(const ArrowStreamReader&) = delete;

    // Column names of the record batches.
    const std::vector<std::string>& column_names() const { return names_; }

    // Reads every batch into cases, `mapping` giving the column index of each field.
    // Throws std::invalid_argument naming a column whose type cannot feed its field, and
    // std::runtime_error when the producer reports an error.
    // `threads` parse row ranges of each batch in parallel (0: all cores).
    std::vector<Case> read_all(const std::vector<std::pair<CaseField, int>>& mapping, unsigned threads = 1);

    // Calls `fn` with the schema and each record batch in turn (released afterwards).
    void for_each_batch(const std::function<void(const ArrowSchema&, const ArrowArray&)>& fn);

private:
    ArrowArrayStream stream_{};
    ArrowSchema schema_{};
    std::vector<std::string> names_;
};

// Appends the rows of one record batch (a struct array of `schema`) to `cases`.
void append_arrow_batch(const ArrowSchema& schema, const ArrowArray& batch,
                        const std::vector<std::pair<CaseField, int>>& mapping, std::vector<Case>& cases,
                        unsigned threads = 1);

// The chosen columns of one record batch as text, cell by cell: fn(row, k, text) for every
// non-null cell of columns[k], with the case reader's value rules (numbers as text, NaN and
// nulls absent, lists joined with '|'). Throws std::invalid_argument for unreadable types.
void for_each_text_cell(const ArrowSchema& schema, const ArrowArray& batch, const std::vector<int>& columns,
                        const std::function<void(std::size_t, std::size_t, std::string_view)>& fn);

}  // namespace dipdrg
