/** Test support for task-handler modules and the places that run handlers: a recording output sink, a ready-made task context, the README example reader and a handler with a bug. */
package io.kronforce.task.testkit;
