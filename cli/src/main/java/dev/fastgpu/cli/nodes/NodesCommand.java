package dev.fastgpu.cli.nodes;

import dev.fastgpu.api.GpuView;
import dev.fastgpu.api.NodeList;
import dev.fastgpu.api.NodeView;
import dev.fastgpu.cli.config.ConnectionOptions;
import dev.fastgpu.cli.render.Formats;
import dev.fastgpu.cli.render.Output;
import dev.fastgpu.cli.render.Table;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Instant;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code fastgpu nodes} */
@Command(name = "nodes", description = "List the GPU machines: state, GPUs in use, models, last heartbeat, jobs.")
public final class NodesCommand implements Callable<Integer> {
    @Mixin ConnectionOptions connection;
    @Mixin Output output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        NodeList nodes = connection.client().nodes();
        if (output.json()) {
            Output.printJson(spec.commandLine().getOut(), nodes);
            return 0;
        }
        Instant now = Instant.now();
        Table t = new Table("ID", "HOSTNAME", "STATE", "GPUS USED", "MODELS", "HEARTBEAT", "JOBS");
        for (NodeView n : nodes.items()) {
            long used = n.gpus().stream().filter(g -> g.allocatedMilli() > 0).count();
            TreeSet<String> models = new TreeSet<>();
            for (GpuView g : n.gpus()) models.add(g.model());
            t.row(n.id(), n.hostname(), n.state() + (n.drained() ? " (drained)" : ""), used + "/" + n.gpus().size(),
                    models.isEmpty() ? "-" : String.join(",", models), Formats.ago(n.lastHeartbeatAt(), now),
                    n.jobIds() == null || n.jobIds().isEmpty() ? "-" : String.join(",", n.jobIds()));
        }
        t.print(spec.commandLine().getOut());
        return 0;
    }
}
