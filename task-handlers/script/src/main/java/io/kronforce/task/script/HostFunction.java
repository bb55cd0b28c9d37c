package io.kronforce.task.script;

import org.mozilla.javascript.BaseFunction;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Undefined;

/**
 * A builtin written in Java. Its body sees the arguments as JS values and returns a JS value
 * (a string, a number, a boolean, a JS object or {@code undefined}), never a Java object, so no
 * Java type ever becomes reachable from the script. An interrupt while it blocks becomes a
 * {@link ScriptStop}.
 */
final class HostFunction extends BaseFunction {
    private static final long serialVersionUID = 1L;

    /** The Java side of a builtin. */
    @FunctionalInterface
    interface Body {
        Object call(Context cx, Scriptable scope, Object[] args) throws InterruptedException;
    }

    private final String name;
    private final int arity;
    private final transient Body body;

    private HostFunction(String name, int arity, Body body) {
        this.name = name;
        this.arity = arity;
        this.body = body;
    }

    /** Defines {@code name} as a global function of {@code scope}. */
    static void define(ScriptableObject scope, String name, int arity, Body body) {
        HostFunction f = new HostFunction(name, arity, body);
        ScriptRuntime.setFunctionProtoAndParent(f, Context.getCurrentContext(), scope);
        ScriptableObject.defineProperty(scope, name, f, ScriptableObject.DONTENUM);
    }

    @Override
    public Object call(Context cx, Scriptable scope, Scriptable thisObj, Object[] args) {
        try {
            Object result = body.call(cx, scope, args);
            return result == null ? Undefined.instance : result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScriptStop(ScriptStop.Cause.INTERRUPTED, "script stopped");
        }
    }

    @Override
    public String getFunctionName() {
        return name;
    }

    @Override
    public int getArity() {
        return arity;
    }

    @Override
    public int getLength() {
        return arity;
    }

    /** Argument {@code i} as a string; a TypeError (catchable by the script) when it is missing. */
    static String text(Object[] args, int i, String function) {
        if (args.length <= i || args[i] == null || Undefined.isUndefined(args[i])) {
            throw ScriptRuntime.typeError(function + "() needs argument " + (i + 1));
        }
        return Context.toString(args[i]);
    }

    /** A plain JS object with the given properties, in order. */
    static Scriptable object(Context cx, Scriptable scope, Object... keysAndValues) {
        Scriptable out = cx.newObject(scope);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            ScriptableObject.putProperty(out, (String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }
}
