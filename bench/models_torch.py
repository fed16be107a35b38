"""PyTorch side of `npm run bench:models` (bench/models.ts): the same MLPs, batch sizes and
data as ours, timed with 1 and 2 threads; prints one JSON object on stdout.

Usage: models_torch.py inference DIR ROWS BATCH REPEATS
       models_torch.py training DIR STUDENT_STEPS TEACHER_STEPS BATCH

DIR holds input.f32 (ROWS x 3 float32, row-major), targets.f32 (ROWS x 2) and
student-weights.f32 (our student's kernels and biases in layer order; kernels [in, out]),
written by bench/models.ts.
"""
import json
import os
import sys
import time

import numpy as np
import torch

STUDENT = [3, 48, 48, 2]
TEACHER = [3, 512, 512, 512, 2]


def mlp(widths):
    layers = []
    for i in range(1, len(widths)):
        layers.append(torch.nn.Linear(widths[i - 1], widths[i]))
        if i < len(widths) - 1:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


def load_student(directory):
    model = mlp(STUDENT)
    flat = np.fromfile(os.path.join(directory, "student-weights.f32"), dtype=np.float32)
    offset = 0
    for layer in [m for m in model if isinstance(m, torch.nn.Linear)]:
        fan_in, fan_out = layer.in_features, layer.out_features
        kernel = flat[offset : offset + fan_in * fan_out].reshape(fan_in, fan_out)
        offset += fan_in * fan_out
        bias = flat[offset : offset + fan_out]
        offset += fan_out
        with torch.no_grad():
            layer.weight.copy_(torch.from_numpy(kernel.T.copy()))
            layer.bias.copy_(torch.from_numpy(bias.copy()))
    return model


def inference(directory, rows, batch, repeats):
    x = torch.from_numpy(np.fromfile(os.path.join(directory, "input.f32"), dtype=np.float32)[: rows * 3].reshape(rows, 3))
    model = load_student(directory)
    result = {"torch": torch.__version__, "rows": rows, "batch": batch}
    with torch.inference_mode():
        result["sample"] = model(x[:4]).flatten().tolist()
        for threads in (1, 2):
            torch.set_num_threads(threads)
            model(x[:batch])
            best = float("inf")
            for _ in range(repeats):
                start = time.perf_counter()
                for s in range(0, rows, batch):
                    model(x[s : s + batch])
                best = min(best, time.perf_counter() - start)
            result[f"mpxPerS{threads}"] = rows / best / 1e6
    return result


def train_rate(widths, x, y, steps, batch, threads):
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = mlp(widths)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    batches = x.shape[0] // batch

    def step(i):
        s = (i % batches) * batch
        optimizer.zero_grad()
        loss = torch.nn.functional.mse_loss(model(x[s : s + batch]), y[s : s + batch])
        loss.backward()
        optimizer.step()

    for i in range(5):
        step(i)
    start = time.perf_counter()
    for i in range(steps):
        step(i)
    return steps * batch / (time.perf_counter() - start)


def training(directory, student_steps, teacher_steps, batch):
    rows = 64 * batch
    x = torch.from_numpy(np.fromfile(os.path.join(directory, "input.f32"), dtype=np.float32)[: rows * 3].reshape(rows, 3))
    y = torch.from_numpy(np.fromfile(os.path.join(directory, "targets.f32"), dtype=np.float32)[: rows * 2].reshape(rows, 2))
    result = {"torch": torch.__version__, "batch": batch}
    for threads in (1, 2):
        result[f"studentSamplesPerS{threads}"] = train_rate(STUDENT, x, y, student_steps, batch, threads)
        result[f"teacherSamplesPerS{threads}"] = train_rate(TEACHER, x, y, teacher_steps, batch, threads)
    return result


def main():
    part, directory = sys.argv[1], sys.argv[2]
    numbers = [int(v) for v in sys.argv[3:]]
    if part == "inference":
        print(json.dumps(inference(directory, *numbers)))
    elif part == "training":
        print(json.dumps(training(directory, *numbers)))
    else:
        sys.exit(f"unknown part {part!r}; use inference or training")


if __name__ == "__main__":
    main()
