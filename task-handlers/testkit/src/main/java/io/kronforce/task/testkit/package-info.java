/** Test support for task-handler modules: a recording output sink and a ready-made task context. */
package io.kronforce.task.testkit;
