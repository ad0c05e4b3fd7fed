// A sweep over MPI ranks (`mpirun -np R freightsim sweep …`, OpenMPI). Rank 0 hands out the units of work,
// (variant, replication) pairs, one at a time to whichever rank is free (dynamic load balancing), runs its
// own share on --jobs threads, and alone writes the outputs and the store. A run depends only on its pair, so
// the results are those of a threaded sweep whatever the number of ranks.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace freightsim {

struct prepared_sweep;
struct sweep_options;
struct sweep_run;
struct sweep_unit;

// True when an MPI launcher started this process as one of several ranks.
bool launched_by_mpi();

// This process's place in the MPI job: MPI is initialised for the object's life. Only the thread that made it
// calls MPI (MPI_THREAD_FUNNELED).
class mpi_ranks {
 public:
  mpi_ranks();
  mpi_ranks(const mpi_ranks&) = delete;
  mpi_ranks& operator=(const mpi_ranks&) = delete;
  // Rank 0 releases the other ranks from serve(). Trivial only in a build without MPI.
  ~mpi_ranks();  // NOLINT(performance-trivially-destructible)

  int rank() const { return rank_; }
  int size() const { return size_; }

  // Rank 0: until `claim` has nothing more and every result is back, sends the claimed unit index (into
  // `units`) to each free rank and passes each result to `record`; a run that failed on another rank goes to
  // `fail` with its message. The calls all come from this thread.
  void dispatch(const std::vector<sweep_unit>& units,
                const std::function<std::optional<std::size_t>()>& claim,
                const std::function<void(std::size_t, sweep_run&&)>& record,
                const std::function<void(const std::string&)>& fail) const;

  // Every other rank: runs the units rank 0 sends until it releases this rank.
  void serve(const prepared_sweep& sweep, const sweep_options& options) const;

 private:
  int rank_ = 0, size_ = 1;
};

}  // namespace freightsim
