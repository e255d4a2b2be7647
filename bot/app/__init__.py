"""The Discord adapter: client, command tree, autocomplete, embeds, views and the error handler."""
