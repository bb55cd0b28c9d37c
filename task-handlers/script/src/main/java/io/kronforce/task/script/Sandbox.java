package io.kronforce.task.script;

import java.util.function.ToDoubleBiFunction;
import org.mozilla.javascript.BaseFunction;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

/**
 * Builds the global scope of one run: the standard objects without any bridge to Java (no
 * {@code java}, {@code Packages}, {@code JavaImporter}, {@code getClass}), the builtins, and
 * length checks in front of the standard methods that can build a huge value in a single
 * operation, where the instruction counter cannot see it.
 */
final class Sandbox {
    private static final java.util.List<String> TYPED_ARRAYS = java.util.List.of(
            "ArrayBuffer",
            "DataView",
            "Int8Array",
            "Uint8Array",
            "Uint8ClampedArray",
            "Int16Array",
            "Uint16Array",
            "Int32Array",
            "Uint32Array",
            "BigInt64Array",
            "BigUint64Array",
            "Float32Array",
            "Float64Array");

    private Sandbox() {}

    static ScriptableObject scope(Context cx, ScriptRun run) {
        ScriptableObject scope = cx.initSafeStandardObjects(null, false);
        // Left by the safe set but of no use here: captured interpreter frames, and an error type
        // that only exists to describe Java exceptions.
        scope.delete("Continuation");
        scope.delete("JavaException");
        // Typed arrays allocate their whole size in one step, out of the budget's sight; upstream's
        // Rhai had none, and the hex helpers cover bytes.
        for (String typed : TYPED_ARRAYS) {
            scope.delete(typed);
        }
        double max = run.budget().limits().stringChars();
        Scriptable string = ScriptableObject.getClassPrototype(scope, "String");
        Scriptable array = ScriptableObject.getClassPrototype(scope, "Array");
        guard(
                scope,
                string,
                "repeat",
                max,
                (self, args) -> Context.toString(self).length() * number(args, 0));
        guard(scope, string, "padStart", max, (self, args) -> number(args, 0));
        guard(scope, string, "padEnd", max, (self, args) -> number(args, 0));
        guard(scope, array, "join", max, (self, args) -> length(self) * (1 + separator(args)));
        guard(scope, array, "toLocaleString", max, (self, args) -> length(self));
        guard(scope, array, "toString", max, (self, args) -> length(self));
        guard(scope, array, "fill", max, (self, args) -> length(self));
        guard(scope, array, "concat", max, (self, args) -> length(self) + lengths(args));
        guard(
                scope,
                (Scriptable) ScriptableObject.getProperty(scope, "JSON"),
                "stringify",
                max,
                (self, args) -> args.length > 0 && args[0] instanceof Scriptable value ? length(value) : 0);
        guard(
                scope,
                (Scriptable) ScriptableObject.getProperty(scope, "Array"),
                "from",
                max,
                (self, args) -> args.length == 0 ? 0 : length(ScriptRuntime.toObject(scope, args[0])));
        ConsoleBuiltins.install(scope, run);
        NetBuiltins.install(scope, run);
        ShellExec.install(scope, run);
        return scope;
    }

    /** Replaces {@code owner.name} with a check of the result size, then the original. */
    private static void guard(
            ScriptableObject scope,
            Scriptable owner,
            String name,
            double max,
            ToDoubleBiFunction<Scriptable, Object[]> size) {
        Function original = (Function) ScriptableObject.getProperty(owner, name);
        BaseFunction checked = new Guarded(name, original, max, size);
        ScriptRuntime.setFunctionProtoAndParent(checked, Context.getCurrentContext(), scope);
        ScriptableObject.defineProperty(owner, name, checked, ScriptableObject.DONTENUM);
    }

    private static double number(Object[] args, int i) {
        return args.length > i ? Context.toNumber(args[i]) : 0;
    }

    private static double length(Scriptable self) {
        return Context.toNumber(ScriptableObject.getProperty(self, "length"));
    }

    /** The summed lengths of the array-like arguments (NaN lengths, i.e. plain values, count as one). */
    private static double lengths(Object[] args) {
        double sum = 0;
        for (Object arg : args) {
            double n = arg instanceof Scriptable value ? length(value) : 1;
            sum += Double.isNaN(n) ? 1 : n;
        }
        return sum;
    }

    private static double separator(Object[] args) {
        return args.length > 0 && !org.mozilla.javascript.Undefined.isUndefined(args[0])
                ? Context.toString(args[0]).length()
                : 1;
    }

    /** A standard method behind a size check; the original is held here, out of the script's reach. */
    private static final class Guarded extends BaseFunction {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final transient Function original;
        private final double max;
        private final transient ToDoubleBiFunction<Scriptable, Object[]> size;

        Guarded(String name, Function original, double max, ToDoubleBiFunction<Scriptable, Object[]> size) {
            this.name = name;
            this.original = original;
            this.max = max;
            this.size = size;
        }

        @Override
        public Object call(Context cx, Scriptable scope, Scriptable thisObj, Object[] args) {
            Scriptable self = ScriptRuntime.toObject(cx, scope, thisObj);
            if (size.applyAsDouble(self, args) > max) {
                throw ScriptRuntime.rangeError(name + "() would build a value longer than " + (long) max);
            }
            return original.call(cx, scope, thisObj, args);
        }

        @Override
        public String getFunctionName() {
            return name;
        }
    }
}
