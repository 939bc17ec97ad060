// The exported structs are handed across a C ABI: their private data is owned by heap
// objects released in the release callbacks (the spec's ownership model), hence the
// unique_ptr::release() calls paired with deletes in the callbacks.
#include "dipdrg/arrow_output.hpp"

#include <cmath>
#include <cstring>

namespace dipdrg {
namespace {

using Column = ArrowTableBuilder::Column;

struct Table {
    std::vector<Column> columns;
    std::size_t rows = 0;
};

struct ArrayPrivate {
    std::shared_ptr<Table> table;
    std::vector<const void*> buffers;
    std::vector<ArrowArray*> children;
    std::vector<std::unique_ptr<ArrowArray>> owned_children;
};

void release_array(ArrowArray* a) {
    if (!a->release) return;
    std::unique_ptr<ArrayPrivate> p(static_cast<ArrayPrivate*>(a->private_data));
    for (auto& child : p->owned_children)
        if (child->release) child->release(child.get());
    a->release = nullptr;
}

struct SchemaPrivate {
    std::string format, name;
    std::vector<ArrowSchema*> children;
    std::vector<std::unique_ptr<ArrowSchema>> owned_children;
};

void release_schema(ArrowSchema* s) {
    if (!s->release) return;
    std::unique_ptr<SchemaPrivate> p(static_cast<SchemaPrivate*>(s->private_data));
    for (auto& child : p->owned_children)
        if (child->release) child->release(child.get());
    s->release = nullptr;
}

void fill_schema(ArrowSchema* out, const std::string& format, const std::string& name, std::int64_t flags,
                 std::unique_ptr<SchemaPrivate> p) {
    p->format = format;
    p->name = name;
    out->format = p->format.c_str();
    out->name = p->name.c_str();
    out->metadata = nullptr;
    out->flags = flags;
    out->n_children = static_cast<std::int64_t>(p->children.size());
    out->children = p->children.empty() ? nullptr : p->children.data();
    out->dictionary = nullptr;
    out->release = release_schema;
    out->private_data = p.release();
}

void export_schema(const Table& t, ArrowSchema* out) {
    auto p = std::make_unique<SchemaPrivate>();
    for (const auto& c : t.columns) {
        auto child = std::make_unique<ArrowSchema>();
        fill_schema(child.get(), c.format, c.name, ARROW_FLAG_NULLABLE, std::make_unique<SchemaPrivate>());
        p->children.push_back(child.get());
        p->owned_children.push_back(std::move(child));
    }
    fill_schema(out, "+s", "", 0, std::move(p));
}

void export_batch(const std::shared_ptr<Table>& t, ArrowArray* out) {
    auto p = std::make_unique<ArrayPrivate>();
    p->table = t;
    for (const auto& c : t->columns) {
        auto child = std::make_unique<ArrowArray>();
        auto cp = std::make_unique<ArrayPrivate>();
        cp->table = t;
        cp->buffers.push_back(c.validity.empty() ? nullptr : c.validity.data());
        if (c.format == "u") {
            cp->buffers.push_back(c.offsets.data());
            cp->buffers.push_back(c.data.data());
        } else if (c.format == "l") {
            cp->buffers.push_back(c.i64.data());
        } else if (c.format == "g") {
            cp->buffers.push_back(c.f64.data());
        } else {
            cp->buffers.push_back(c.bits.data());
        }
        child->length = static_cast<std::int64_t>(t->rows);
        child->null_count = c.null_count;
        child->offset = 0;
        child->n_buffers = static_cast<std::int64_t>(cp->buffers.size());
        child->n_children = 0;
        child->buffers = cp->buffers.data();
        child->children = nullptr;
        child->dictionary = nullptr;
        child->release = release_array;
        child->private_data = cp.release();
        p->children.push_back(child.get());
        p->owned_children.push_back(std::move(child));
    }
    p->buffers.push_back(nullptr);
    out->length = static_cast<std::int64_t>(t->rows);
    out->null_count = 0;
    out->offset = 0;
    out->n_buffers = 1;
    out->n_children = static_cast<std::int64_t>(p->children.size());
    out->buffers = p->buffers.data();
    out->children = p->children.data();
    out->dictionary = nullptr;
    out->release = release_array;
    out->private_data = p.release();
}

struct StreamPrivate {
    std::shared_ptr<Table> table;
    bool sent = false;
};

int stream_get_schema(ArrowArrayStream* s, ArrowSchema* out) {
    export_schema(*static_cast<StreamPrivate*>(s->private_data)->table, out);
    return 0;
}

int stream_get_next(ArrowArrayStream* s, ArrowArray* out) {
    auto* p = static_cast<StreamPrivate*>(s->private_data);
    if (p->sent) {
        std::memset(out, 0, sizeof *out);  // release == nullptr: end of stream
        return 0;
    }
    export_batch(p->table, out);
    p->sent = true;
    return 0;
}

const char* stream_last_error(ArrowArrayStream*) {
    return nullptr;
}

void stream_release(ArrowArrayStream* s) {
    if (!s->release) return;
    std::unique_ptr<StreamPrivate> p(static_cast<StreamPrivate*>(s->private_data));
    s->release = nullptr;
}

}  // namespace

void ArrowTableBuilder::add_int64(const std::string& name, std::vector<std::int64_t> values) {
    Column c;
    c.name = name;
    c.format = "l";
    c.i64 = std::move(values);
    columns_.push_back(std::move(c));
}

void ArrowTableBuilder::add_float64(const std::string& name, std::vector<double> values) {
    Column c;
    c.name = name;
    c.format = "g";
    c.f64 = std::move(values);
    for (std::size_t i = 0; i < c.f64.size(); ++i)
        if (std::isnan(c.f64[i])) {
            if (c.validity.empty()) c.validity.assign((c.f64.size() + 7) / 8, 0xFF);
            c.validity[i >> 3] &= static_cast<std::uint8_t>(~(1u << (i & 7)));
            ++c.null_count;
        }
    columns_.push_back(std::move(c));
}

void ArrowTableBuilder::add_bool(const std::string& name, const std::vector<bool>& values) {
    Column c;
    c.name = name;
    c.format = "b";
    c.bits.assign((values.size() + 7) / 8, 0);
    for (std::size_t i = 0; i < values.size(); ++i)
        if (values[i]) c.bits[i >> 3] |= static_cast<std::uint8_t>(1u << (i & 7));
    columns_.push_back(std::move(c));
}

void ArrowTableBuilder::export_stream(ArrowArrayStream* out) {
    auto table = std::make_shared<Table>();
    table->columns = std::move(columns_);
    table->rows = rows_;
    columns_.clear();
    auto p = std::make_unique<StreamPrivate>();
    p->table = std::move(table);
    out->get_schema = stream_get_schema;
    out->get_next = stream_get_next;
    out->get_last_error = stream_last_error;
    out->release = stream_release;
    out->private_data = p.release();
}

}  // namespace dipdrg
