package dev.fastgpu.cli.nodes;

import dev.fastgpu.api.GpuView;
import dev.fastgpu.api.NodeList;
import dev.fastgpu.api.NodeView;
import dev.fastgpu.api.client.FastGpuClient;
import dev.fastgpu.cli.config.ConnectionOptions;
import dev.fastgpu.cli.render.Formats;
import dev.fastgpu.cli.render.Output;
import dev.fastgpu.cli.render.Table;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code fastgpu nodes}, {@code fastgpu nodes drain NODE}, {@code fastgpu nodes undrain NODE} */
@Command(name = "nodes", description = "List the GPU machines: state, GPUs in use, models, last heartbeat, jobs.",
        subcommands = {NodesCommand.Drain.class, NodesCommand.Undrain.class})
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

    /** What {@code drain} and {@code undrain} share: one node id, a call, a line or the node as JSON. */
    abstract static class NodeAction implements Callable<Integer> {
        @Mixin ConnectionOptions connection;
        @Mixin Output output;
        @Parameters(paramLabel = "NODE", description = "Node id, as `fastgpu nodes` lists it.") String nodeId;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        abstract NodeView act(FastGpuClient client, String id);

        abstract String done(NodeView node);

        @Override
        public Integer call() {
            NodeView n = act(connection.client(), nodeId);
            if (output.json()) Output.printJson(spec.commandLine().getOut(), n);
            else spec.commandLine().getOut().println(done(n));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code fastgpu nodes drain NODE} (admins) */
    @Command(name = "drain", description = "Stop placing new jobs on a node; the jobs running there continue (admins only).")
    static final class Drain extends NodeAction {
        @Override
        NodeView act(FastGpuClient client, String id) {
            return client.drain(id);
        }

        @Override
        String done(NodeView n) {
            int running = n.jobIds() == null ? 0 : n.jobIds().size();
            return n.id() + " drained: no new jobs go there; " + running + " running job(s) continue (undo with: fastgpu nodes undrain "
                    + n.id() + ")";
        }
    }

    /** {@code fastgpu nodes undrain NODE} (admins) */
    @Command(name = "undrain", description = "Let a drained node take new jobs again (admins only).")
    static final class Undrain extends NodeAction {
        @Override
        NodeView act(FastGpuClient client, String id) {
            return client.undrain(id);
        }

        @Override
        String done(NodeView n) {
            return n.id() + " takes new jobs again (" + n.state() + ")";
        }
    }
}
