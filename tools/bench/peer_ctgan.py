"""CTGAN itself (sdv-dev/CTGAN, PyTorch) fitted on Adult, its epochs timed: the peer that
`npm run bench -- --peer` alternates with our own runs (tools/bench/peer.ts, which sets PYTHONPATH).

    python3 peer_ctgan.py ADULT_CSV EPOCHS THREADS

CTGAN's and RDT's code are not part of this project (their licence forbids copying them here); they
are fetched and unpacked outside it (docs/benchmarks.md). CTGAN's model is used with its defaults and
left unchanged: only the progress bar it wraps its epoch loop in is replaced by a clock.
Prints one line: RESULT {...} (JSON).
"""
import json
import sys
import time

import pandas as pd
import torch

import ctgan
import ctgan.synthesizers.ctgan as ctgan_module
from ctgan import CTGAN

csv_path, epochs, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
torch.set_num_threads(threads)

table = pd.read_csv(csv_path, skipinitialspace=True)
discrete = [name for name in table.columns if table[name].dtype == object]
epoch_starts = []
# CPU time too: on a machine shared with other jobs it moves far less than the wall clock.
epoch_cpu_starts = []


class EpochClock:
    """Stands in for tqdm(range(epochs)) in CTGAN.fit: notes when each epoch starts and the last ends."""

    def __init__(self, epoch_range, **_options):
        self.epoch_range = epoch_range

    def __iter__(self):
        for epoch in self.epoch_range:
            epoch_starts.append(time.perf_counter())
            epoch_cpu_starts.append(time.process_time())
            yield epoch
        epoch_starts.append(time.perf_counter())
        epoch_cpu_starts.append(time.process_time())

    def set_description(self, *_args, **_options):
        pass


ctgan_module.tqdm = EpochClock
torch.manual_seed(0)
model = CTGAN(epochs=epochs, enable_gpu=False)
began = time.perf_counter()
model.fit(table, discrete)


def durations(stamps):
    return [b - a for a, b in zip(stamps, stamps[1:])]


print('RESULT ' + json.dumps({
    'ctgan': ctgan.__version__,
    'torch': torch.__version__,
    'threads': torch.get_num_threads(),
    'rows': len(table),
    'stepsPerEpoch': max(len(table) // model._batch_size, 1),
    # The encoder's fit and transform, the sampler and the networks' set-up.
    'fitBeforeFirstEpochS': epoch_starts[0] - began,
    'epochSeconds': durations(epoch_starts),
    'epochCpuSeconds': durations(epoch_cpu_starts),
}), flush=True)
