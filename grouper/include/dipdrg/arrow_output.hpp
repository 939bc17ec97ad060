#pragma once
// Result tables leave as an ArrowArrayStream (C Data Interface) that owns its buffers, so
// Python consumers (pyarrow, polars, pandas) take them without copying. One record batch.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dipdrg/arrow_c.hpp"

namespace dipdrg {

class ArrowTableBuilder {
public:
    explicit ArrowTableBuilder(std::size_t rows) : rows_(rows) {}

    // A utf8 column; `value(i)` gives row i (an empty view with `null(i)` true is null).
    template <class Value>
    void add_strings(const std::string& name, Value&& value) {
        Column c;
        c.name = name;
        c.format = "u";
        c.offsets.reserve(rows_ + 1);
        c.offsets.push_back(0);
        for (std::size_t i = 0; i < rows_; ++i) {
            std::string_view v = value(i);
            c.data.append(v);
            c.offsets.push_back(static_cast<std::int32_t>(c.data.size()));
        }
        columns_.push_back(std::move(c));
    }
    void add_int64(const std::string& name, std::vector<std::int64_t> values);
    // NaN values become nulls.
    void add_float64(const std::string& name, std::vector<double> values);
    void add_bool(const std::string& name, const std::vector<bool>& values);

    // Moves the built columns into a stream; the builder is empty afterwards.
    void export_stream(ArrowArrayStream* out);

    struct Column {
        std::string name;
        std::string format;
        std::vector<std::int32_t> offsets;  // utf8
        std::string data;                   // utf8 bytes
        std::vector<std::int64_t> i64;
        std::vector<double> f64;
        std::vector<std::uint8_t> bits;      // bool values
        std::vector<std::uint8_t> validity;  // empty = no nulls
        std::int64_t null_count = 0;
    };

private:
    std::size_t rows_;
    std::vector<Column> columns_;
};

}  // namespace dipdrg
