// What the modeler's parts share: the page's configuration (roles, messages, the process id), the form files
// of the package being edited (those of the version, with what the form editor changed or created), and the
// hooks the page gives them (open the form editor, fetch the sandbox's verdicts).
export const context = {
  processId: '',
  roles: [],
  messages: {},
  files: {}, // name -> JSON text
  edited: {}, // name -> JSON text, the files to send with the diagram
  editForm: () => {},
  requestVerdicts: () => {},
};

export function configure(config) {
  Object.assign(context, { processId: config.processId, roles: config.roles, messages: config.messages,
    files: { ...config.files } });
}

/** A form written by the form editor: part of the package from now on. */
export function saveFile(name, text) {
  context.files[name] = text;
  context.edited[name] = text;
}
