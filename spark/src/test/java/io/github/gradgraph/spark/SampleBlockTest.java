package io.github.gradgraph.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.Initializer;
import io.github.gradgraph.nn.LossKind;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.NetworkSpec;
import io.github.gradgraph.nn.optim.Optimizers;
import java.nio.ByteBuffer;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * A block's float32 copy: Java's rounding of every feature and target, made once and kept, made by a float32
 * executor's first step and never by a float64 one, and never shipped: a block Kryo moves arrives without it and
 * costs the same bytes whether or not it was rounded.
 */
class SampleBlockTest {
    private static final NetworkSpec SPEC = new NetworkSpec(new int[] {3, 4, 2}, Activation.TANH, Activation.SOFTMAX,
            LossKind.SOFTMAX_CROSS_ENTROPY, 0);

    @Test
    void theFloatCopy_isTheRoundedBlock_madeOnce() {
        SampleBlock b = SparkIterationTiming.block(3, 2, 7);
        assertFalse(b.rounded());
        FMatrixRMaj x = b.xFloat();
        assertTrue(b.rounded());
        assertSame(x, b.xFloat());
        assertSame(b.yFloat(), b.yFloat());
        assertEquals(3, x.numRows);
        assertEquals(b.size(), x.numCols);
        for (int i = 0; i < x.getNumElements(); i++) {
            assertEquals(Float.floatToRawIntBits((float) b.xMatrix().data[i]), Float.floatToRawIntBits(x.data[i]));
        }
        for (int i = 0; i < b.yMatrix().getNumElements(); i++) {
            assertEquals((float) b.yMatrix().data[i], b.yFloat().data[i], 0f);
        }
    }

    @Test
    void aFloat32Executor_roundsTheBlock_aFloat64OneDoesNot() {
        Network network = new Network(SPEC);
        double[][] params = new Updates(network, Optimizers.create("gd", 0.1)).values(
                Initializer.XAVIER.initialize(network, new ParameterStore(), 3));
        SampleBlock b64 = SparkIterationTiming.block(3, 2, 1);
        GradientSum exact = new GradientSum();
        new ExecutorPrograms.Compiled(NetworkDescription.of(network, DType.F64)).accumulate(params, b64, exact, 0L);
        assertFalse(b64.rounded(), "a float64 step rounded its block");
        SampleBlock b32 = SparkIterationTiming.block(3, 2, 1);
        ExecutorPrograms.Compiled f32 = new ExecutorPrograms.Compiled(NetworkDescription.of(network, DType.F32));
        GradientSum first = new GradientSum();
        f32.accumulate(params, b32, first, 0L);
        assertTrue(b32.rounded(), "a float32 step did not use the block's float copy");
        FMatrixRMaj kept = b32.xFloat();
        GradientSum second = new GradientSum();
        f32.accumulate(params, b32, second, 0L);
        assertSame(kept, b32.xFloat());
        assertEquals(first.loss, second.loss, 0.0);
        for (int p = 0; p < first.gradients.length; p++) {
            assertArrayEquals(first.gradients[p], second.gradients[p], 0.0);
        }
        assertEquals(exact.loss, first.loss, 1e-5 * exact.loss, "float32 J of the block against float64's");
    }

    @Test
    void kryoMovesTheBlock_withoutItsFloatCopy() {
        SerializerInstance kryo = new KryoSerializer(SparkTrainer.configure(new SparkConf())).newInstance();
        ClassTag<SampleBlock> tag = ClassTag$.MODULE$.apply(SampleBlock.class);
        SampleBlock b = SparkIterationTiming.block(5, 1, 2);
        int plain = kryo.serialize(b, tag).remaining();
        b.xFloat();
        ByteBuffer bytes = kryo.serialize(b, tag);
        assertEquals(plain, bytes.remaining(), "the float copy was serialized");
        SampleBlock back = kryo.deserialize(bytes, tag);
        assertFalse(back.rounded());
        assertEquals(b.xMatrix().data[17], back.xMatrix().data[17], 0.0);
        assertEquals(b.xFloat().data[17], back.xFloat().data[17], 0f);
    }
}
