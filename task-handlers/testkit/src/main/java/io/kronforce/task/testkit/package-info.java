/** Test support for task-handler modules: a recording output sink, a ready-made task context and the README example reader. */
package io.kronforce.task.testkit;
