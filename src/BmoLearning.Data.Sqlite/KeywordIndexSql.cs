namespace BmoLearning.Data.Sqlite;

/// <summary>
/// The keyword index: an FTS5 table over chunk text and headings (porter stemming), kept in step with
/// knowledge_chunks by triggers so no code path can forget to update it.
/// </summary>
internal static class KeywordIndexSql
{
    public const string Create = """
        CREATE VIRTUAL TABLE knowledge_chunks_fts USING fts5(
            text, heading_path,
            content='knowledge_chunks', content_rowid='id',
            tokenize='porter unicode61 remove_diacritics 2');

        CREATE TRIGGER knowledge_chunks_fts_insert AFTER INSERT ON knowledge_chunks BEGIN
            INSERT INTO knowledge_chunks_fts(rowid, text, heading_path) VALUES (new.id, new.text, new.heading_path);
        END;

        CREATE TRIGGER knowledge_chunks_fts_delete AFTER DELETE ON knowledge_chunks BEGIN
            INSERT INTO knowledge_chunks_fts(knowledge_chunks_fts, rowid, text, heading_path) VALUES ('delete', old.id, old.text, old.heading_path);
        END;

        CREATE TRIGGER knowledge_chunks_fts_update AFTER UPDATE ON knowledge_chunks BEGIN
            INSERT INTO knowledge_chunks_fts(knowledge_chunks_fts, rowid, text, heading_path) VALUES ('delete', old.id, old.text, old.heading_path);
            INSERT INTO knowledge_chunks_fts(rowid, text, heading_path) VALUES (new.id, new.text, new.heading_path);
        END;
        """;

    public const string Drop = """
        DROP TRIGGER IF EXISTS knowledge_chunks_fts_update;
        DROP TRIGGER IF EXISTS knowledge_chunks_fts_delete;
        DROP TRIGGER IF EXISTS knowledge_chunks_fts_insert;
        DROP TABLE IF EXISTS knowledge_chunks_fts;
        """;
}
