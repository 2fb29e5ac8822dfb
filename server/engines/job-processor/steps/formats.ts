// The document formats the steps read: one definition, shared with the upload page (lib/api).
export { DOCUMENT_FORMATS, SUPPORTED_EXTENSIONS, extensionOf, formatFor, jobTypeFor, type DocumentFormat, type JobType } from "@/lib/api/document-formats";
