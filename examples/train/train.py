#!/usr/bin/env python3
"""A small model trained on synthetic data: the example job of FastGPU's README.

Logistic regression with mini-batch gradient descent on a synthetic two-class problem, in plain
Python (no packages needed). It prints the loss per epoch, shows which GPUs FastGPU gave it, and
writes result.json into the job's output directory (FASTGPU_OUTPUT_DIR).
"""
import json
import math
import os
import random
import sys
import time

EPOCHS = int(os.environ.get("EPOCHS", "8"))
SAMPLES = int(os.environ.get("SAMPLES", "4000"))
FEATURES = 8
LEARNING_RATE = float(os.environ.get("LR", "0.5"))
BATCH = 64


def make_data(rng):
    true_w = [rng.uniform(-2, 2) for _ in range(FEATURES)]
    data = []
    for _ in range(SAMPLES):
        x = [rng.gauss(0, 1) for _ in range(FEATURES)]
        z = sum(w * v for w, v in zip(true_w, x)) + rng.gauss(0, 0.5)
        data.append((x, 1.0 if z > 0 else 0.0))
    return data


def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-max(min(z, 60.0), -60.0)))


def main():
    rng = random.Random(int(os.environ.get("SEED", "7")))
    print(f"job {os.environ.get('FASTGPU_JOB_ID', '?')} on GPUs "
          f"CUDA_VISIBLE_DEVICES={os.environ.get('CUDA_VISIBLE_DEVICES', '')}", flush=True)
    data = make_data(rng)
    split = int(len(data) * 0.8)
    train, test = data[:split], data[split:]
    w, b = [0.0] * FEATURES, 0.0
    started = time.time()
    loss = float("nan")
    for epoch in range(1, EPOCHS + 1):
        rng.shuffle(train)
        total = 0.0
        for start in range(0, len(train), BATCH):
            batch = train[start:start + BATCH]
            gw, gb = [0.0] * FEATURES, 0.0
            for x, y in batch:
                p = sigmoid(sum(wi * xi for wi, xi in zip(w, x)) + b)
                total -= y * math.log(p + 1e-12) + (1 - y) * math.log(1 - p + 1e-12)
                for i in range(FEATURES):
                    gw[i] += (p - y) * x[i]
                gb += p - y
            w = [wi - LEARNING_RATE * g / len(batch) for wi, g in zip(w, gw)]
            b -= LEARNING_RATE * gb / len(batch)
        loss = total / len(train)
        print(f"epoch {epoch}/{EPOCHS} loss={loss:.4f}", flush=True)
    correct = sum(1 for x, y in test if (sigmoid(sum(wi * xi for wi, xi in zip(w, x)) + b) > 0.5) == (y == 1.0))
    accuracy = correct / len(test)
    result = {"final_loss": round(loss, 4), "test_accuracy": round(accuracy, 4), "epochs": EPOCHS,
              "samples": SAMPLES, "train_seconds": round(time.time() - started, 3)}
    out_dir = os.environ.get("FASTGPU_OUTPUT_DIR", ".")
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "result.json")
    with open(path, "w") as f:
        json.dump(result, f, indent=2)
    print(f"test accuracy {accuracy:.3f}; result written to {path}", flush=True)
    return 0 if accuracy > 0.8 else 1


if __name__ == "__main__":
    sys.exit(main())
