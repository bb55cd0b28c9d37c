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
    private Sandbox() {}

    static ScriptableObject scope(Context cx, ScriptRun run) {
        ScriptableObject scope = cx.initSafeStandardObjects(null, false);
        // Left by the safe set but of no use here: captured interpreter frames, and an error type
        // that only exists to describe Java exceptions.
        scope.delete("Continuation");
        scope.delete("JavaException");
        double max = run.budget().limits().stringChars();
        guard(scope, "String", "repeat", max, (self, args) -> Context.toString(self).length() * number(args, 0));
        guard(scope, "String", "padStart", max, (self, args) -> number(args, 0));
        guard(scope, "String", "padEnd", max, (self, args) -> number(args, 0));
        guard(scope, "Array", "join", max, (self, args) -> length(self) * (1 + separator(args)));
        guard(scope, "Array", "fill", max, (self, args) -> length(self));
        ConsoleBuiltins.install(scope, run);
        NetBuiltins.install(scope, run);
        ShellExec.install(scope, run);
        return scope;
    }

    /** Replaces {@code Ctor.prototype.name} with a check of the result size, then the original. */
    private static void guard(ScriptableObject scope, String constructor, String name, double max,
                              ToDoubleBiFunction<Scriptable, Object[]> size) {
        Scriptable prototype = ScriptableObject.getClassPrototype(scope, constructor);
        Function original = (Function) ScriptableObject.getProperty(prototype, name);
        BaseFunction checked = new Guarded(name, original, max, size);
        ScriptRuntime.setFunctionProtoAndParent(checked, Context.getCurrentContext(), scope);
        ScriptableObject.defineProperty(prototype, name, checked, ScriptableObject.DONTENUM);
    }

    private static double number(Object[] args, int i) {
        return args.length > i ? Context.toNumber(args[i]) : 0;
    }

    private static double length(Scriptable self) {
        return Context.toNumber(ScriptableObject.getProperty(self, "length"));
    }

    private static double separator(Object[] args) {
        return args.length > 0 && !org.mozilla.javascript.Undefined.isUndefined(args[0])
                ? Context.toString(args[0]).length() : 1;
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
