package io.kronforce.task.script;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.ContextFactory;

/**
 * Makes the contexts scripts run in: interpreted (no generated classes, and the interpreter
 * counts instructions), ES6, no Java classes visible, a bounded interpreter stack, and every
 * {@value #CHECK_EVERY} instructions a charge against the run's {@link RunBudget}.
 *
 * <p>One instance serves every run; per-run state lives in the context.
 */
final class SandboxFactory extends ContextFactory {
    /** Small enough that one check interval cannot do much harm, large enough to cost little. */
    static final int CHECK_EVERY = 1_000;

    private static final int MAX_STACK_DEPTH = 500;

    /** A context carrying the budget of the run that entered it. */
    static final class SandboxContext extends Context {
        private RunBudget budget;

        SandboxContext(ContextFactory factory) {
            super(factory);
        }

        RunBudget budget() {
            return budget;
        }

        void budget(RunBudget budget) {
            this.budget = budget;
        }
    }

    @Override
    protected Context makeContext() {
        SandboxContext cx = new SandboxContext(this);
        cx.setLanguageVersion(Context.VERSION_ES6);
        cx.setInterpretedMode(true);
        cx.setInstructionObserverThreshold(CHECK_EVERY);
        cx.setMaximumInterpreterStackDepth(MAX_STACK_DEPTH);
        // Deny every Java class by name: nothing can be looked up, wrapped or reflected on.
        cx.setClassShutter(className -> false);
        cx.getWrapFactory().setJavaPrimitiveWrap(false);
        return cx;
    }

    @Override
    protected boolean hasFeature(Context cx, int featureIndex) {
        return switch (featureIndex) {
            // Off: with it, a script could catch Java exceptions (and a ScriptStop) as objects.
            case Context.FEATURE_ENHANCED_JAVA_ACCESS,
                    Context.FEATURE_E4X,
                    Context.FEATURE_ENABLE_JAVA_MAP_ACCESS,
                    Context.FEATURE_JAVA_SERIALIZATION -> false;
            default -> super.hasFeature(cx, featureIndex);
        };
    }

    @Override
    protected void observeInstructionCount(Context cx, int instructionCount) {
        RunBudget budget = ((SandboxContext) cx).budget();
        if (budget != null) {
            budget.charge(instructionCount);
        }
    }
}
