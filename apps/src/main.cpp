// ionhop: kinetic Monte Carlo of ion hopping in solid electrolytes.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "commands/commands.hpp"
#include "commands/process_group.hpp"
#ifdef IONHOP_WITH_MPI
#include "ionhop/mpi/mpi_session.hpp"
#endif
#include "ionhop/core/error.hpp"

int main(int argc, char** argv) {
#ifdef IONHOP_WITH_MPI
    // Under mpirun: sweep points spread over the ranks (docs/reliability.md, MPI).
    const ionhop::mpi::MpiSession mpi(argc, argv);
    if (mpi.active()) ionhop::apps::set_process_group(mpi.group());
    // An error on one rank must end them all, not leave them waiting in a gather.
    const auto fail = [&mpi](int status) {
        if (mpi.active()) mpi.abort(status);
        return status;
    };
#else
    const auto fail = [](int status) { return status; };
#endif
    CLI::App app{"ionhop " IONHOP_VERSION
                 ": kinetic Monte Carlo of Li-ion hopping in solid electrolytes.\n"
                 "Units: Angstrom, eV, K, s; conductivity in S/cm, diffusion in cm^2/s."};
    app.require_subcommand(1);
    app.footer(
        "Examples:\n"
        "  ionhop predict llzo                       conductivity of garnet LLZO, 300-600 K\n"
        "  ionhop predict lgps --li 7.5 -o lgps      another Li content; CSV, JSON, HDF5, SVG\n"
        "  ionhop sweep llzo --dopant Ta --x 0:0.8:0.1  sigma(300 K) and E_a against Ta content\n"
        "  ionhop run job.toml                       everything from a config file (docs/config.md)\n"
        "  ionhop lattice info llzo                  sites, hops, distances, connectivity\n"
        "Each command has --help.");
    std::string command_line = argv[0];
    for (int i = 1; i < argc; ++i) command_line += std::string(" ") + argv[i];
    ionhop::apps::add_predict_command(app, command_line);
    ionhop::apps::add_run_command(app, command_line);
    ionhop::apps::add_sweep_command(app, command_line);
    ionhop::apps::add_demo_command(app);
    ionhop::apps::add_lattice_command(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // --help and --version exit 0; any bad option or value exits 2, like ionhop::Error.
        return app.exit(e) == 0 ? 0 : fail(2);
    } catch (const ionhop::Error& e) {
        std::cerr << "ionhop: error: " << e.what() << '\n';
        return fail(2);
    } catch (const std::exception& e) {
        std::cerr << "ionhop: internal error: " << e.what() << '\n';
        return fail(3);
    }
    return 0;
}
