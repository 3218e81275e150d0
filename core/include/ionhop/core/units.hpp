#pragma once
// Physical constants and unit conversions. Internal units: Angstrom, eV, K, s.
// Reported: conductivity in S/cm, diffusion coefficients in cm^2/s.

namespace ionhop::units {

// CODATA 2018 exact values.
inline constexpr double boltzmann_eV_per_K = 8.617333262e-5;
inline constexpr double elementary_charge_C = 1.602176634e-19;

inline constexpr double angstrom_in_cm = 1e-8;
inline constexpr double angstrom2_in_cm2 = 1e-16;
inline constexpr double angstrom3_in_cm3 = 1e-24;

inline constexpr double thermal_energy_eV(double temperature_K) { return boltzmann_eV_per_K * temperature_K; }

}  // namespace ionhop::units
