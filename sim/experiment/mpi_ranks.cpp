#include "freightsim/experiment/mpi_ranks.hpp"

#include <mpi.h>

#include <chrono>
#include <cstdlib>
#include <new>
#include <stdexcept>
#include <thread>

#include "freightsim/experiment/sweep.hpp"

namespace freightsim {

namespace {

// Message tags. A unit goes out as three ints (index, variant, replication); a result comes back as doubles
// (index, stop reason, seconds, then the run's values bit for bit) or, when the run threw, as its message.
enum tag : int { unit_tag = 1, result_tag, error_tag, release_tag };

// Waits for a message from `source` without spinning a core: MPI's blocking receive polls, and rank 0's own
// runs need that core.
MPI_Status await_message(int source) {
  MPI_Status status;
  for (int arrived = 0;;) {
    MPI_Iprobe(source, MPI_ANY_TAG, MPI_COMM_WORLD, &arrived, &status);
    if (arrived) return status;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
}

void send_unit(int to, std::size_t index, const sweep_unit& u) {
  const int message[3] = {static_cast<int>(index), static_cast<int>(u.variant),
                          static_cast<int>(u.replication)};
  MPI_Send(message, 3, MPI_INT, to, unit_tag, MPI_COMM_WORLD);
}

}  // namespace

mpi_ranks::mpi_ranks() {
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  if (provided < MPI_THREAD_FUNNELED) {
    MPI_Finalize();
    throw std::runtime_error("the MPI library does not allow threads beside MPI (MPI_THREAD_FUNNELED)");
  }
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

mpi_ranks::~mpi_ranks() {
  if (rank_ == 0)
    for (int r = 1; r < size_; ++r)
      MPI_Send(nullptr, 0, MPI_INT, r, release_tag, MPI_COMM_WORLD);
  MPI_Finalize();
}

void mpi_ranks::dispatch(const std::vector<sweep_unit>& units,
                         const std::function<std::optional<std::size_t>()>& claim,
                         const std::function<void(std::size_t, sweep_run&&)>& record,
                         const std::function<void(const std::string&)>& fail) const {
  int outstanding = 0;
  const auto give = [&](int to) {
    if (const auto k = claim()) {
      send_unit(to, *k, units[*k]);
      ++outstanding;
    }
  };
  for (int r = 1; r < size_; ++r)
    give(r);
  std::vector<double> buffer;
  std::string message;
  while (outstanding > 0) {
    MPI_Status status = await_message(MPI_ANY_SOURCE);
    --outstanding;
    if (status.MPI_TAG == result_tag) {
      int count = 0;
      MPI_Get_count(&status, MPI_DOUBLE, &count);
      buffer.resize(static_cast<std::size_t>(count));
      MPI_Recv(buffer.data(), count, MPI_DOUBLE, status.MPI_SOURCE, result_tag, MPI_COMM_WORLD,
               MPI_STATUS_IGNORE);
      const auto k = static_cast<std::size_t>(buffer.at(0));
      sweep_run run{units.at(k).variant, units[k].replication, static_cast<stop_reason>(buffer.at(1)),
                    buffer.at(2), std::vector<double>(buffer.begin() + 3, buffer.end())};
      record(k, std::move(run));
    } else {
      int count = 0;
      MPI_Get_count(&status, MPI_CHAR, &count);
      message.resize(static_cast<std::size_t>(count));
      MPI_Recv(message.data(), count, MPI_CHAR, status.MPI_SOURCE, error_tag, MPI_COMM_WORLD,
               MPI_STATUS_IGNORE);
      fail("rank " + std::to_string(status.MPI_SOURCE) + ": " + message);
    }
    give(status.MPI_SOURCE);
  }
}

void mpi_ranks::serve(const prepared_sweep& sweep, const sweep_options& options) const {
  std::vector<double> result;
  for (;;) {
    const MPI_Status status = await_message(0);
    if (status.MPI_TAG == release_tag) {
      MPI_Recv(nullptr, 0, MPI_INT, 0, release_tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      return;
    }
    int message[3];
    MPI_Recv(message, 3, MPI_INT, 0, unit_tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    const sweep_unit unit{static_cast<std::uint32_t>(message[1]), static_cast<std::uint32_t>(message[2])};
    sweep_run run;
    try {
      run = run_unit(sweep, unit, options);
    } catch (const std::bad_alloc&) {
      run.stopped = stop_reason::out_of_memory;
    } catch (const std::exception& e) {
      const std::string what = e.what();
      MPI_Send(what.data(), static_cast<int>(what.size()), MPI_CHAR, 0, error_tag, MPI_COMM_WORLD);
      continue;
    }
    result.assign({static_cast<double>(message[0]), static_cast<double>(run.stopped), run.seconds});
    result.insert(result.end(), run.values.begin(), run.values.end());
    MPI_Send(result.data(), static_cast<int>(result.size()), MPI_DOUBLE, 0, result_tag, MPI_COMM_WORLD);
  }
}

}  // namespace freightsim
