#include <cstdlib>

#include "freightsim/experiment/mpi_ranks.hpp"

namespace freightsim {

bool launched_by_mpi() {
  // OpenMPI's mpirun sets the first; PMIx-based launchers (srun, prterun) the second.
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK"})
    if (std::getenv(name)) return true;
  return false;
}

}  // namespace freightsim
