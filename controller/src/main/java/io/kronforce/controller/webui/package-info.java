/**
 * The browser dashboard's pages, served by the controller itself: the index page with its
 * Content-Security-Policy, the application's ES modules and the WebJar libraries under a versioned
 * path, pre-compressed at start. Nothing here reads data: the page calls the REST API like any client.
 */
package io.kronforce.controller.webui;
