package dev.fastgpu.cli.jobs;

import dev.fastgpu.api.PlanView;
import dev.fastgpu.api.ReasonView;
import dev.fastgpu.cli.config.ConnectionOptions;
import dev.fastgpu.cli.render.Formats;
import dev.fastgpu.cli.render.Output;
import dev.fastgpu.cli.render.Table;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code fastgpu plan -f job.yaml}: where a job would go now, or why it would wait. Nothing is submitted. */
@Command(name = "plan", description = "Dry run: show where a job would be placed on the live cluster, or why it would wait.")
public final class PlanCommand implements Callable<Integer> {
    @Mixin ConnectionOptions connection;
    @Mixin Output output;
    @Mixin JobSpecOptions job;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command (after --), if the file has none.")
    List<String> command;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PlanView plan = connection.client().plan(job.toSpec(command));
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            Output.printJson(out, plan);
            return 0;
        }
        out.println(plan.placeable() ? "would start now" : plan.everFits() ? "would wait" : "would never fit this cluster");
        if (!plan.placements().isEmpty()) {
            Table t = new Table("NODE", "GPUS", "MODEL", "SHARE");
            for (PlanView.PlannedNode p : plan.placements()) {
                t.row(p.nodeId(), Formats.ints(p.gpuIndices()), p.gpuModel(), p.milliPerGpu() + "/1000");
            }
            t.print(out);
        }
        for (ReasonView r : plan.reasons()) out.println("  - " + r.message() + " [" + r.code() + "]");
        out.println("jobs ahead: " + plan.jobsAhead());
        out.println("estimated cost: " + Formats.money(plan.estimatedCostPerHourUsd())
                + (plan.estimatedCostPerHourMaxUsd() == null ? " per hour"
                : " to " + Formats.money(plan.estimatedCostPerHourMaxUsd()) + " per hour (by the GPU model it gets)"));
        out.flush();
        return 0;
    }
}
