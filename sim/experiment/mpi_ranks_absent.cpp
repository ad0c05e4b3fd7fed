// mpi_ranks in a build without an MPI library (FREIGHTSIM_MPI=OFF, or none found): a sweep that mpirun
// started refuses, on every rank, rather than each rank running the whole sweep and writing the same files.
#include <stdexcept>

#include "freightsim/experiment/mpi_ranks.hpp"
#include "freightsim/scenario/input_error.hpp"

namespace freightsim {

mpi_ranks::mpi_ranks() {
  throw input_error("mpirun", -1, -1,
                    "this freightsim was built without MPI (no libopenmpi-dev when it was configured, or "
                    "FREIGHTSIM_MPI=OFF): run the sweep without mpirun, on --jobs threads");
}

mpi_ranks::~mpi_ranks() = default;

// No mpi_ranks exists in this build (its constructor throws), so these are never reached.
void mpi_ranks::dispatch(const std::vector<sweep_unit>&, const std::function<std::optional<std::size_t>()>&,
                         const std::function<void(std::size_t, sweep_run&&)>&,
                         const std::function<void(const std::string&)>&) const {
  throw std::logic_error("mpi_ranks::dispatch without MPI");
}

void mpi_ranks::serve(const prepared_sweep&, const sweep_options&) const {
  throw std::logic_error("mpi_ranks::serve without MPI");
}

}  // namespace freightsim
