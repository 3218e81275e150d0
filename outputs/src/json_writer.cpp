// The JSON summary: every number with its unit in the key name, the settings and the
// lattice file echoed so the run can be repeated.
#include <nlohmann/json.hpp>

#include "ionhop/core/atomic_file.hpp"
#include "ionhop/outputs/run_record.hpp"
#include "json_fields.hpp"

namespace ionhop::outputs {

void write_json(const RunRecord& record, const std::filesystem::path& path) {
    using namespace json_fields;
    json document = prediction_json(record.prediction, "points");
    document.update({
        {"program", "ionhop"},
        {"version", record.program_version},
        {"command_line", record.command_line},
        {"units", units_json()},
        {"settings", settings_json(record.settings)},
        {"lattice_file", record.lattice_text},
    });
    if (!record.config_text.empty()) document["config_file"] = record.config_text;
    add_resistance_split(document, record.resistance);
    write_file_atomically(path, document.dump(2) + "\n");
}

}  // namespace ionhop::outputs
