#include "commands/process_group.hpp"

#include <utility>

namespace ionhop::apps {

namespace {
runs::ProcessGroup& group_storage() {
    static runs::ProcessGroup group;
    return group;
}
}  // namespace

const runs::ProcessGroup& process_group() { return group_storage(); }

void set_process_group(runs::ProcessGroup group) { group_storage() = std::move(group); }

bool is_first_process() { return process_group().rank == 0; }

}  // namespace ionhop::apps
