#pragma once
// `ionhop predict`: sigma, D*, D_sigma and the Haven ratio of a material at each
// temperature, run until the target relative error of sigma (or the replica budget), and
// the Arrhenius fit of sigma(T).
#include <Eigen/Dense>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ionhop/engine/arrhenius.hpp"
#include "ionhop/engine/transport.hpp"
#include "ionhop/materials/lattice_description.hpp"
#include "ionhop/runs/doping.hpp"
#include "ionhop/runs/microstructure.hpp"

namespace ionhop::runs {

struct PredictionSettings {
    std::vector<double> temperatures_K{300, 350, 400, 450, 500, 550, 600};
    // Supercell repetitions; zeros pick the smallest supercell at least min_length_A wide.
    Eigen::Vector3i repetitions = Eigen::Vector3i::Zero();
    double min_length_A = 20.0;
    // The mobile-ion content, at most one of these; none: the material's default.
    std::optional<double> mobile_per_formula_unit;
    std::optional<double> site_fraction;    // of the mobile-ion sites, 0 to 1
    std::optional<double> mobile_per_cell;  // per unit cell of the lattice
    std::optional<std::size_t> ion_count;   // in the whole supercell
    std::optional<std::size_t> vacancies;   // empty mobile-ion sites in the whole supercell
    // A dopant of the material at content x: its charge compensation changes the content
    // above (the undoped content) and each replica runs its own random configuration, so
    // the spread between configurations is part of every error bar.
    std::optional<DopingRequest> doping;
    // Grains of the material with their boundaries; the microstructure's box replaces the
    // supercell (repetitions then set only a bicrystal's width in y and z).
    std::optional<MicrostructureRequest> microstructure;
    // Report the time-averaged Li occupancy of every plane of sites along x (layer stacks,
    // bicrystals: the depletion or accumulation next to interfaces).
    bool occupancy_profile_x = false;
    // A uniform field in the rates (V/cm); non-zero: each point also measures the drift
    // conductivity along it (linear response needs q E a << kT, about 1e5 V/cm at 300 K).
    Eigen::Vector3d field_V_per_cm = Eigen::Vector3d::Zero();
    double target_relative_error = 0.05;  // on the scalar sigma at each temperature
    int min_replicas = 8;                 // first batch, and the size of later batches
    int max_replicas = 256;               // budget per temperature
    std::uint64_t events_per_ion = 400;   // production per replica
    int threads = 0;                      // 0: all cores
    std::uint64_t seed = 1;
    // Exact superbasin acceleration where it pays (engine/basins.hpp); off: plain KMC.
    bool acceleration = true;
    // Keeps finished replicas and snapshots of running ones so that a killed run resumes
    // with the same results (engine/replica_checkpoint.hpp); null: none.
    std::shared_ptr<engine::ReplicaCheckpoint> checkpoint;

    void validate() const;  // throws ionhop::Error naming the bad setting
};

struct PredictionPoint {
    double temperature_K = 0.0;
    engine::TransportEstimate estimate;
    // Production events per ion per replica asked for (the production also lasts at least
    // 100 single-ion relaxation times of the cell: models/relaxation_time.hpp).
    std::uint64_t events_per_ion = 0;
};

struct DopingSummary {
    std::string dopant;
    std::string host;
    double requested_per_formula_unit = 0.0;
    double per_formula_unit = 0.0;  // realised in the supercell
    std::size_t count = 0;          // dopants in the supercell
    long long mobile_change = 0;    // mobile ions added (+) or removed (-) in the supercell
    bool blocks_host = false;
};

struct MicrostructureSummary {
    MicrostructureKind kind = MicrostructureKind::polycrystal;
    Eigen::Vector3d box_A = Eigen::Vector3d::Zero();
    std::size_t grains = 0;
    std::size_t gb_sites = 0;
    std::size_t boundary_hops = 0;  // directed
    std::size_t removed_sites = 0;  // overlaps across boundaries
    std::size_t seam_pairs = 0;     // boundaries of a grain with its own periodic image
};

struct Prediction {
    std::string material;
    std::optional<DopingSummary> doping;
    std::optional<MicrostructureSummary> microstructure;
    // Planes of sites along x (A) when the settings ask for the occupancy profile; each
    // point's estimate has one occupancy per plane (bin_occupancy). Empty otherwise.
    std::vector<double> profile_x_A;
    Eigen::Vector3i repetitions = Eigen::Vector3i::Ones();
    std::size_t sites = 0;
    std::size_t ions = 0;
    double mobile_per_formula_unit = 0.0;
    std::vector<PredictionPoint> points;
    // Not empty when sigma and D are exactly 0 at every temperature, saying why: every
    // replica froze (site exclusion blocks every hop) or the network has no percolating
    // path (closed clusters, checked before simulating).
    std::string frozen_note;
    std::optional<engine::ArrheniusFit> arrhenius;  // empty when sigma = 0 or < 2 points
    std::string arrhenius_note;                     // why there is no fit, if there is none
};

// Called after each temperature, in order (for progress reports).
using PredictionProgress = std::function<void(const PredictionPoint&, std::size_t index, std::size_t count)>;

// Throws ionhop::Error for bad settings or a content outside the material's range.
// check_prediction makes the same checks without simulating.
void check_prediction(const materials::LatticeDescription& material, const PredictionSettings& settings);
Prediction run_prediction(const materials::LatticeDescription& material, const PredictionSettings& settings,
                          const PredictionProgress& progress = {});

// The repetitions that make the supercell at least `min_length_A` across in every
// periodic direction (face to face).
Eigen::Vector3i repetitions_for(const Eigen::Matrix3d& cell_vectors_A, double min_length_A);

}  // namespace ionhop::runs
