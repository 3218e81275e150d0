#include "replica_archive.hpp"

#include <cstdio>

#include "ionhop/core/error.hpp"
#include "ionhop/engine/replica_checkpoint.hpp"

namespace ionhop::engine {

namespace {

std::string hex(std::uint64_t value) {
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
    return text;
}

template <typename Matrix>
std::vector<double> flat(const Matrix& m) {
    return std::vector<double>(m.data(), m.data() + m.size());
}

Eigen::Matrix3d matrix3(const StateArchive& archive, const std::string& name) {
    return Eigen::Matrix3d(archive.get<double>(name, 9).data());
}

}  // namespace

std::string ReplicaIdentity::finished_name() const {
    return hex(table) + hex(plan) + "-r" + std::to_string(replica) + ".done";
}

std::string ReplicaIdentity::running_name() const {
    return hex(table) + hex(plan) + "-r" + std::to_string(replica) + ".running";
}

void ReplicaIdentity::put(StateArchive& archive) const {
    archive.put_count("format", checkpoint_format_version);
    archive.put_count("key.table", table);
    archive.put_count("key.plan", plan);
    archive.put_count("key.replica", replica);
}

void ReplicaIdentity::check(const StateArchive& archive) const {
    if (!archive.contains("format") || archive.count("format") != checkpoint_format_version) {
        throw Error(archive.source() + ": checkpoint format differs from this version's (" +
                    std::to_string(checkpoint_format_version) + "); start the run afresh");
    }
    if (archive.count("key.table") != table || archive.count("key.plan") != plan ||
        archive.count("key.replica") != replica) {
        throw Error(archive.source() +
                    ": checkpoint of another table, plan or replica than its name says "
                    "(corrupt checkpoint)");
    }
}

std::uint64_t plan_fingerprint(const TransportPlan& plan) {
    // Text keeps the fingerprint independent of struct padding.
    std::string text = "ions=" + std::to_string(plan.ion_count) +
                       " equilibration_events=" + std::to_string(plan.equilibration_events) +
                       " production_events=" + std::to_string(plan.production_events) +
                       " blocks=" + std::to_string(plan.blocks) + " seed=" + std::to_string(plan.seed);
    char reals[160];
    std::snprintf(reals, sizeof reals, " production_s=%a min_equilibration_s=%a min_production_s=%a",
                  plan.production_time_s, plan.min_equilibration_time_s, plan.min_production_time_s);
    text += reals;
    text += " selector=" +
            (plan.selector ? std::to_string(static_cast<int>(*plan.selector)) : std::string("auto"));
    const AccelerationOptions& a = plan.acceleration;
    std::snprintf(reals, sizeof reals, " acceleration=%d ratio=%a sites=%zu ions=%zu states=%zu",
                  a.enabled ? 1 : 0, a.min_rate_ratio, a.max_basin_sites, a.max_basin_ions,
                  a.max_basin_states);
    text += reals;
    return text_fingerprint(text);
}

void put_msd(StateArchive& archive, const std::string& prefix, const std::vector<MsdSample>& msd) {
    std::vector<double> time, tracer, collective, net;
    for (const auto& sample : msd) {
        time.push_back(sample.time_s);
        const auto t = flat(sample.tracer_A2);
        const auto c = flat(sample.collective_A2);
        const auto x = flat(sample.net_displacement_A);
        tracer.insert(tracer.end(), t.begin(), t.end());
        collective.insert(collective.end(), c.begin(), c.end());
        net.insert(net.end(), x.begin(), x.end());
    }
    archive.put(prefix + "time_s", std::move(time));
    archive.put(prefix + "tracer_A2", std::move(tracer));
    archive.put(prefix + "collective_A2", std::move(collective));
    archive.put(prefix + "net_displacement_A", std::move(net));
}

std::vector<MsdSample> get_msd(const StateArchive& archive, const std::string& prefix) {
    const auto& time = archive.get<double>(prefix + "time_s");
    const auto& tracer = archive.get<double>(prefix + "tracer_A2", 9 * time.size());
    const auto& collective = archive.get<double>(prefix + "collective_A2", 9 * time.size());
    const auto& net = archive.get<double>(prefix + "net_displacement_A", 3 * time.size());
    std::vector<MsdSample> msd(time.size());
    for (std::size_t i = 0; i < time.size(); ++i) {
        msd[i].time_s = time[i];
        msd[i].tracer_A2 = Eigen::Matrix3d(&tracer[9 * i]);
        msd[i].collective_A2 = Eigen::Matrix3d(&collective[9 * i]);
        msd[i].net_displacement_A = Eigen::Vector3d(&net[3 * i]);
    }
    return msd;
}

StateArchive result_archive(const ReplicaResult& r) {
    StateArchive archive;
    archive.put("result.tracer_D_cm2_per_s", flat(r.tracer_D_cm2_per_s));
    archive.put("result.collective_D_cm2_per_s", flat(r.collective_D_cm2_per_s));
    archive.put("result.net_displacement_A", flat(r.net_displacement_A));
    archive.put("result.class_occupancy", r.class_occupancy);
    archive.put("result.bin_occupancy", r.bin_occupancy);
    put_msd(archive, "result.msd.", r.msd);
    archive.put_count("result.events", r.events);
    archive.put_real("result.production_time_s", r.production_time_s);
    archive.put_real("result.wall_time_s", r.wall_time_s);
    archive.put_count("result.frozen", r.frozen ? 1 : 0);
    archive.put_text("result.frozen_reason", r.frozen_reason);
    archive.put_count("result.accelerated", r.accelerated ? 1 : 0);
    return archive;
}

ReplicaResult result_from_archive(const StateArchive& archive) {
    ReplicaResult r;
    r.tracer_D_cm2_per_s = matrix3(archive, "result.tracer_D_cm2_per_s");
    r.collective_D_cm2_per_s = matrix3(archive, "result.collective_D_cm2_per_s");
    r.net_displacement_A = Eigen::Vector3d(archive.get<double>("result.net_displacement_A", 3).data());
    r.class_occupancy = archive.get<double>("result.class_occupancy");
    r.bin_occupancy = archive.get<double>("result.bin_occupancy");
    r.msd = get_msd(archive, "result.msd.");
    r.events = archive.count("result.events");
    r.production_time_s = archive.real("result.production_time_s");
    r.wall_time_s = archive.real("result.wall_time_s");
    r.frozen = archive.count("result.frozen") != 0;
    r.frozen_reason = archive.text("result.frozen_reason");
    r.accelerated = archive.count("result.accelerated") != 0;
    return r;
}

}  // namespace ionhop::engine
