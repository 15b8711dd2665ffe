"""The page of 004's two experiments (Lectures tab), run by the kernels at build time."""

from __future__ import annotations

import html

import numpy as np
import plots

from gradspec.kernels import experiments

from .project import Project, save, write
from .tex import entry_link

EXPERIMENTS_PAGE = "seeds/004-experiments.md"
EXPERIMENT_LINKS = {
    "mse": "the slope experiment trains ŷ = θ₀ + θ₁x on this loss",
    "cross_entropy": "the classification experiment trains σ(θ₀ + θ₁x₁ + θ₂x₂) on this loss",
    "perceptron": "the classification experiment trains the smooth version of this model",
}


def experiments_page(project: Project) -> None:
    """004's two experiments, run by ``gradspec.kernels.experiments``."""
    slope = experiments.slope_experiment
    classify = experiments.classification_experiment
    out = ["# The experiments of 004\n",
           "The two parametric experiments of the Deep Learning notes (seed 004, "
           "\"ANN regression\" and \"ANN classification\"), run by the kernels at build time "
           "(`gradspec.kernels.experiments`; seed 0, so every number below is reproducible).\n"]

    # The regression experiment, trained to convergence (the defaults) and stopped early.
    full = slope()
    early_settings = {"learning_rate": 0.01, "num_iterations": 10}
    early = slope(**early_settings)
    slopes = np.asarray(full.slopes)
    settings = [
        {"loss": full.loss, "corr": full.corr, "mean_loss": full.mean_loss,
         "mean_corr": full.mean_corr, "colour": "tab:blue",
         "label": f"trained: α = {full.learning_rate}, {full.num_iterations} steps"},
        {"loss": early.loss, "corr": early.corr, "mean_loss": early.mean_loss,
         "mean_corr": early.mean_corr, "colour": "tab:orange", "ls": "--",
         "label": f"stopped early: α = {early.learning_rate}, {early.num_iterations} steps"},
    ]
    corr_gap = float(np.nanmax(np.abs(full.mean_corr - early.mean_corr)))
    save("seeds/img/004-slope-experiment.png", plots.slope_experiment(settings, slopes=slopes))
    i0 = int(np.argmin(np.abs(slopes)))
    iends = [0, slopes.size - 1]
    reps = full.loss.shape[1]
    out.append("## Regression: loss and correlation against the slope\n")
    out.append(
        f"y = m·x + randn/2 with N = 50 points, x ~ N(0, 1), the slope m in {slopes.size} "
        f"steps from {slopes[0]:g} to {slopes[-1]:g}, {reps} repetitions per slope; "
        "ŷ = θ₀ + θ₁x trained from θ = 0 on the mean squared error (`mse`). The document "
        "prints neither the learning rate nor the number of epochs, so two settings are run "
        "(`gradspec.kernels.experiments.slope_experiment`).\n"
    )
    cap = (
        "Every fit is a faint dot, the mean over the repetitions a line. Correlation "
        f"drops near m = 0 in both settings (mean corr(ŷ, y) = {full.mean_corr[i0]:.3f} at "
        f"m = {slopes[i0]:g}, {full.mean_corr[iends[0]]:.3f} at m = {slopes[iends[0]]:g}, "
        f"trained): x tells nothing about y there. The document's other lesson, \"the loss "
        "grows with |m| because it is not normalised\", holds only for the early-stopped "
        f"fits (mean loss {early.mean_loss[i0]:.3f} at m = {slopes[i0]:g}, "
        f"{early.mean_loss[iends[0]]:.3f} and {early.mean_loss[iends[1]]:.3f} at "
        f"m = {slopes[iends[0]]:g}, {slopes[iends[1]]:g}); trained to convergence only the "
        f"noise var(randn/2) = ¼ is left at every m (mean loss {full.mean_loss.min():.3f}–"
        f"{full.mean_loss.max():.3f}). The two settings draw the same data (seed "
        f"{full.seed}) and their mean correlations differ by at most {corr_gap:.2g}: ŷ is "
        "linear in x, so corr(ŷ, y) = ±corr(x, y) however far the fit has gone."
    )
    out.append(f'<figure class="gs-figure" markdown>\n![{html.escape(cap)}]'
               f"(img/004-slope-experiment.png)\n<figcaption markdown>{cap}</figcaption>\n"
               "</figure>\n")

    # The classification experiment.
    c = classify()
    lrs = np.asarray(c.learning_rates)
    ibest = int(np.flatnonzero(lrs == c.best_learning_rate)[0])
    picks = [(0, "tab:red", ":"), (ibest, "tab:green", "-")]
    if ibest != lrs.size // 2:
        picks.insert(1, (lrs.size // 2, "tab:orange", "--"))
    boundaries = [{"theta": c.theta[i], "colour": col, "ls": ls,
                   "label": f"α = {lrs[i]:.4g}: loss {c.loss[i]:.3f}, accuracy {c.accuracy[i]:.3f}"}
                  for i, col, ls in picks]
    reasons = dict(zip(*np.unique(c.reason, return_counts=True), strict=True))
    note = "every fit: " + ", ".join(f"{k} ×{v}" for k, v in reasons.items())
    save("seeds/img/004-classification-experiment.png",
          plots.classification_experiment(c.X, c.y, lrs, c.loss, c.accuracy, boundaries,
                                           reasons_note=note))
    n_per = int((c.y < 0.5).sum())
    out.append("## Classification: the same model at several learning rates\n")
    out.append(
        f"Two clouds of {n_per} points each (label 0 blue, label 1 black, "
        "`gradspec.kernels.experiments.two_clouds`), the logistic model "
        "σ(θ₀ + θ₁x₁ + θ₂x₂) trained from θ = 0 for "
        f"{c.num_iterations} epochs of batch gradient descent on the log-loss at each of "
        f"{lrs.size} learning rates from {lrs[0]:g} to {lrs[-1]:g} "
        "(`gradspec.kernels.experiments.classification_experiment`).\n"
    )
    cap = (
        f"Left: the data with the decision boundaries of the smallest learning rate, "
        f"{'a middle one, ' if len(picks) == 3 else ''}and the best one. Right: final log-loss "
        f"and accuracy against α. With the same number of epochs a small α has not got far: "
        f"loss {c.loss[0]:.3f} and accuracy {c.accuracy[0]:.3f} at α = {lrs[0]:g}, against "
        f"{c.loss[ibest]:.3f} and {c.accuracy[ibest]:.3f} at the best, α = {lrs[ibest]:.4g}. "
        f"How the fits ended: {note.removeprefix('every fit: ')}."
    )
    out.append(f'<figure class="gs-figure" markdown>\n![{html.escape(cap)}]'
               f"(img/004-classification-experiment.png)\n<figcaption markdown>{cap}"
               "</figcaption>\n</figure>\n")
    out.append("Related entries: " + ", ".join(
        entry_link(project.catalog[k], "seeds") for k in EXPERIMENT_LINKS
        if k in project.catalog) + ".\n")
    write(EXPERIMENTS_PAGE, "\n".join(out))


