package dev.fastgpu.agent.logs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LogTailTest {
    @TempDir
    Path tmp;

    @Test
    void chunks_are_ordered_and_cover_the_file_exactly_once() throws IOException {
        Path file = tmp.resolve("out.log");
        Files.writeString(file, "line 1\nline 2\nline 3\n");
        LogTail tail = new LogTail(LogStream.STDOUT, file);

        List<LogSlice> shipped = new ArrayList<>();
        for (Optional<LogSlice> c = tail.next(5, false); c.isPresent(); c = tail.next(5, false)) {
            shipped.add(c.get());
            tail.acknowledge(c.get().end());
        }

        assertThat(shipped).extracting(LogSlice::offset).isSorted().startsWith(0L);
        for (int i = 1; i < shipped.size(); i++) {
            assertThat(shipped.get(i).offset()).isEqualTo(shipped.get(i - 1).end());
        }
        assertThat(String.join("", shipped.stream().map(LogSlice::data).toList())).isEqualTo("line 1\nline 2\nline 3\n");
    }

    @Test
    void an_unacknowledged_chunk_is_sent_again_from_the_same_offset() throws IOException {
        Path file = tmp.resolve("out.log");
        Files.writeString(file, "hello ");
        LogTail tail = new LogTail(LogStream.STDERR, file);

        LogSlice first = tail.next(1024, false).orElseThrow();
        LogSlice again = tail.next(1024, false).orElseThrow(); // the send failed: nothing acknowledged
        assertThat(again).isEqualTo(first);

        tail.acknowledge(first.end());
        Files.writeString(file, "world", StandardOpenOption.APPEND);
        LogSlice next = tail.next(1024, false).orElseThrow();
        assertThat(next.offset()).isEqualTo(6);
        assertThat(next.data()).isEqualTo("world");
        tail.acknowledge(3); // a late, older acknowledgement never moves the cursor back
        assertThat(tail.acknowledged()).isEqualTo(6);
    }

    @Test
    void a_multibyte_character_is_never_split_between_chunks() throws IOException {
        Path file = tmp.resolve("out.log");
        Files.write(file, "aé€😀b".getBytes(StandardCharsets.UTF_8));
        LogTail tail = new LogTail(LogStream.STDOUT, file);

        StringBuilder all = new StringBuilder();
        for (Optional<LogSlice> c = tail.next(3, false); c.isPresent(); c = tail.next(3, false)) {
            assertThat(c.get().data()).doesNotContain("\uFFFD");
            all.append(c.get().data());
            tail.acknowledge(c.get().end());
        }
        assertThat(all.toString()).isEqualTo("aé€😀b");
    }
}
