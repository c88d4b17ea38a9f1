/** Spanish. Terms follow the help article in ../shared/seeds/ (see the glossary at the end of this file). */
import type { Catalog } from '../catalog.js';

export default {
  language: { code: 'es', name: 'Español', intlLocale: 'es', direction: 'ltr' },
  messages: {
    // shared
    'channel.whatsapp': 'WhatsApp',
    'channel.messenger': 'Messenger',
    'channel.instagram': 'Instagram',
    'channel.viber': 'Viber',
    'channel.wechat': 'WeChat',
    'channel.telegram': 'Telegram',
    'channel.line': 'LINE',
    'channel.webchat': 'Chat del sitio web',
    'channel.sms': 'SMS',
    'channel.email': 'Correo electrónico',
    'state.open.badge': 'abierta',
    'state.open.filter': 'Abierta',
    'state.open.meaning': 'texto libre permitido hasta que se cierre la ventana',
    'state.human_agent.badge': 'solo agente',
    'state.human_agent.filter': 'Solo agente (HUMAN_AGENT)',
    'state.human_agent.meaning':
      'Messenger/Instagram después de 24 h: una persona aún puede escribir (etiqueta HUMAN_AGENT), las automatizaciones no',
    'state.template_only.badge': 'solo plantilla',
    'state.template_only.filter': 'Solo plantilla',
    'state.template_only.meaning': 'WhatsApp después de 24 h: solo una plantilla aprobada en el idioma del contacto',
    'state.tag_only.badge': 'solo etiqueta',
    'state.tag_only.filter': 'Solo etiqueta',
    'state.tag_only.meaning': 'Messenger después de 7 días: solo un mensaje con una etiqueta de mensaje permitida',
    'state.chatbot_initiated.badge': 'iniciado por chatbot',
    'state.chatbot_initiated.filter': 'Iniciado por chatbot',
    'state.chatbot_initiated.meaning':
      'Viber después de la sesión: cuenta para la cuota mensual gratuita o es facturable',
    'state.closed.badge': 'cerrada',
    'state.closed.filter': 'Cerrada',
    'state.closed.meaning': 'no se puede enviar nada hasta que el contacto vuelva a escribir',
    'state.no_window.badge': 'en cualquier momento',
    'state.no_window.filter': 'En cualquier momento (sin ventana)',
    'state.no_window.meaning': 'Telegram, LINE, chat del sitio web, SMS, correo electrónico: escribe cuando quieras',
    'badge.noAddress': 'sin dirección — no se puede enviar',
    'badge.until': '{state} hasta {when}',
    'badge.billable': 'facturable',
    'badge.freeLeft': 'gratis restantes: {left, number}',
    'badge.left': 'restantes: {left, number}',
    'badge.changes': 'cambia {when}',
    'left.sessionCap':
      '{left, plural, one {Queda # mensaje en esta ventana} many {Quedan # de mensajes en esta ventana} other {Quedan # mensajes en esta ventana}}',
    'left.monthlyFree':
      '{left, plural, one {Queda # mensaje gratuito iniciado por chatbot este mes} many {Quedan # de mensajes gratuitos iniciados por chatbot este mes} other {Quedan # mensajes gratuitos iniciados por chatbot este mes}}',
    'left.monthlyBillable':
      'Cuota gratuita de mensajes iniciados por chatbot agotada este mes: los mensajes son facturables',
    'left.other': '{left, plural, one {Queda # mensaje} many {Quedan # de mensajes} other {Quedan # mensajes}}',
    'allowed.nothing': 'Ahora no se puede enviar nada.',
    'allowed.kind.text': 'texto libre',
    'allowed.kind.template': 'una plantilla aprobada',
    'allowed.kind.tag': 'un mensaje con etiqueta',
    'allowed.canSend': 'Se puede enviar ahora: {kinds}.',
    'allowed.canSendHuman': 'Se puede enviar ahora: {kinds}, escrito por ti (HUMAN_AGENT).',
    'allowed.canSendChatbot': 'Se puede enviar ahora: {kinds} (iniciado por chatbot).',
    'assignee.none': 'Sin asignar',
    'conversation.closed': 'Cerrada {when}',
    'conversation.closedUndated': 'Cerrada',
    'conversation.openSince': 'Abierta desde {when}',
    'conversation.openUndated': 'Abierta',

    // reasons
    'reason.no_window': 'Sin ventana de mensajería: puedes escribir en cualquier momento.',
    'reason.open': 'La ventana de mensajería está abierta: se permite texto libre.',
    'reason.human_agent':
      'La ventana estándar terminó; una persona aún puede responder (se envía con la etiqueta HUMAN_AGENT). Las automatizaciones no.',
    'reason.window_closed': 'La ventana de mensajería se ha cerrado.',
    'reason.window_closed.reopens': 'La ventana se vuelve a abrir cuando el contacto escribe de nuevo.',
    'reason.never_inbound': 'El contacto nunca ha escrito por este canal, así que nunca se abrió una ventana.',
    'reason.never_inbound.reopens': 'Se abre una ventana cuando el contacto escribe primero.',
    'reason.window_closed_no_tags':
      'La ventana de 7 días se ha cerrado y no hay etiquetas de mensaje habilitadas para después.',
    'reason.window_closed_no_tags.reopens': 'La ventana se vuelve a abrir cuando el contacto escribe de nuevo.',
    'reason.never_inbound_no_tags': 'El contacto nunca ha escrito por este canal.',
    'reason.never_inbound_no_tags.reopens': 'Se abre una ventana cuando el contacto escribe primero.',
    'reason.window_expired': 'La ventana de 48 horas ha caducado; los mensajes enviados ahora no se entregarían.',
    'reason.window_expired.reopens':
      'La ventana y el recuento de mensajes se reinician cuando el contacto escribe de nuevo.',
    'reason.outbound_cap_reached':
      'Se agotó el límite de mensajes salientes de esta ventana; más mensajes no se entregarían.',
    'reason.outbound_cap_reached.reopens':
      'La ventana y el recuento de mensajes se reinician cuando el contacto escribe de nuevo.',
    'reason.not_subscribed':
      'El contacto no está suscrito al bot (o canceló la suscripción), así que no le llega nada.',
    'reason.not_subscribed.reopens':
      'Se podrán volver a enviar mensajes cuando el contacto se suscriba o escriba de nuevo.',
    'reason.chatbot_initiated':
      'Sesión terminada: ahora un mensaje cuenta como iniciado por chatbot y consume la cuota mensual gratuita.',
    'reason.chatbot_initiated_billable':
      'Sesión terminada y cuota mensual gratuita agotada: ahora un mensaje es facturable (Términos Comerciales de Chatbot).',
    'reason.free_quota_exhausted':
      'Sesión terminada y cuota gratuita de mensajes iniciados por chatbot de este mes agotada.',
    'reason.free_quota_exhausted.reopens':
      'El texto libre vuelve a estar disponible cuando el contacto escribe de nuevo; la cuota se reinicia el día 1 del mes próximo (UTC), o bien acepta los Términos Comerciales de Chatbot.',
    'reason.provider_error':
      'El proveedor no aceptó el mensaje (error de red o del servidor); se reintenta automáticamente.',
    'reason.no_address': 'Este contacto no tiene dirección en este canal, así que el proveedor no puede llegar a él.',
    'reason.auth_failed':
      'El proveedor rechazó nuestras credenciales: un administrador debe renovar el token del canal.',
    'reason.permission_denied':
      'El proveedor indica que esta cuenta no puede enviar este mensaje: revisa los permisos del canal.',
    'reason.rate_limited':
      'El proveedor está limitando nuestra frecuencia de envío; el mensaje se reintenta automáticamente.',
    'reason.pair_rate_limited':
      'Demasiados mensajes a este contacto en poco tiempo; el mensaje se reintenta automáticamente.',
    'reason.undeliverable': 'El proveedor no pudo entregar el mensaje a este contacto.',
    'reason.person_unavailable': 'Esta persona no está disponible en el canal (bloqueó la página o eliminó su cuenta).',
    'reason.tag_not_accepted':
      'El proveedor rechazó la etiqueta de mensaje (Meta retiró la mayoría de las etiquetas en 2026).',
    'reason.invalid_request': 'El proveedor rechazó la solicitud por no ser válida.',
    'reason.template_not_found':
      'El proveedor no conoce esta plantilla (o ya no): sincroniza las plantillas y elige otra.',
    'reason.template_params_mismatch': 'Las variables de la plantilla no coinciden con lo que espera el proveedor.',
    'reason.template_paused': 'El proveedor pausó esta plantilla.',
    'reason.template_disabled': 'El proveedor desactivó esta plantilla.',
    'reason.no_balance': 'La cuenta del proveedor no tiene saldo para mensajes facturables.',
    'reason.blocked': 'El contacto bloqueó el bot.',
    'reason.quota_exhausted': 'Se agotó la cuota mensual de mensajes de la cuenta.',
    'reason.opted_out':
      'El contacto se dio de baja (respondió STOP); no se puede enviar nada hasta que vuelva a darse de alta.',
    'reason.invalid_address': 'La dirección del contacto no es válida para este canal.',
    'reason.rejected': 'El destinatario rechazó el mensaje.',
    'reason.in_doubt':
      'Followup se detuvo durante el envío; puede que el mensaje haya llegado al contacto. Compruébalo antes de volver a enviarlo.',
    'reason.template_not_supported': 'Este canal no tiene plantillas de mensajes (son una función de WhatsApp).',
    'reason.tag_not_supported': 'Este canal no tiene etiquetas de mensaje (son una función de Messenger).',
    'reason.text_empty': 'El mensaje está vacío.',
    'reason.text_too_long': 'El mensaje supera la longitud que acepta el canal.',
    'reason.template_not_approved': 'Solo se pueden enviar plantillas con estado APPROVED.',
    'reason.template_wrong_language': 'La plantilla no está en el idioma del contacto.',
    'reason.template_missing_variables': 'Todas las variables de la plantilla necesitan un valor.',
    'reason.template_too_long': 'La plantilla completada supera la longitud que acepta el canal.',
    'reason.tag_not_allowed': 'Esa etiqueta de mensaje no está permitida.',
    'reason.human_agent_requires_person': 'Solo una persona puede escribir después de la ventana estándar de 24 horas.',
    'reason.whatsapp.window_closed':
      'La ventana de 24 horas se ha cerrado: solo se puede enviar una plantilla de WhatsApp aprobada.',
    'reason.whatsapp.window_closed.reopens':
      'El texto libre vuelve a estar disponible cuando el contacto responde (una plantilla por sí sola no lo reabre).',
    'reason.whatsapp.never_inbound':
      'El contacto nunca ha escrito por WhatsApp: solo se puede enviar una plantilla aprobada.',
    'reason.whatsapp.never_inbound.reopens': 'El texto libre se habilita cuando el contacto responde.',
    'reason.messenger.window_closed':
      'La ventana de 7 días se ha cerrado: solo se puede enviar un mensaje con etiqueta.',
    'reason.messenger.window_closed.reopens':
      'El texto libre vuelve a estar disponible cuando el contacto escribe de nuevo.',
    'reason.messenger.never_inbound':
      'El contacto nunca ha escrito por Messenger, así que la página no puede enviarle mensajes.',
    'reason.messenger.never_inbound.reopens': 'Se pueden enviar mensajes cuando el contacto escribe a la página.',
    'reason.instagram.window_closed':
      'La ventana de 7 días se ha cerrado: Instagram no permite nada hasta que el contacto vuelva a escribir.',
    'reason.instagram.window_closed.reopens': 'La ventana se vuelve a abrir cuando el contacto escribe de nuevo.',
    'reason.instagram.never_inbound': 'El contacto nunca ha escrito por Instagram, así que no se puede enviar nada.',
    'reason.instagram.never_inbound.reopens': 'Se pueden enviar mensajes cuando el contacto escribe primero.',
    'reason.viber.open': 'La sesión de 24 horas está abierta: se permite texto libre, sin contar en la cuota.',

    // search, help, language
    'search.title': 'Seguimiento',
    'search.submit': 'Buscar',
    'search.close': 'Cerrar',
    'search.sandbox': '🧪 *Entorno de pruebas*: los seguimientos se registran en Slack, no se entregan a nadie.',
    'search.allInboxNotAllowed':
      ':warning: Solo puedes buscar en tu propia bandeja de entrada (la configuración de tu equipo limita la Bandeja de entrada Todos).',
    'search.input.label': 'Buscar',
    'search.input.hint':
      'Nombre (con o sin tildes), correo electrónico o @dominio, dígitos del teléfono o sus últimos dígitos',
    'search.input.placeholder': 'Nombre, correo, @dominio o teléfono',
    'search.filter.inbox': 'Bandeja de entrada',
    'search.filter.status': 'Estado',
    'search.filter.channel': 'Canal',
    'search.filter.window': 'Ventana',
    'search.inbox.mine': 'Bandeja de entrada: Mía',
    'search.inbox.all': 'Bandeja de entrada: Todos',
    'search.status.closed': 'Estado: Cerrado',
    'search.status.open': 'Estado: Abierto',
    'search.status.any': 'Cualquier estado',
    'search.channel.any': 'Cualquier canal',
    'search.window.any': 'Cualquier ventana',
    'search.window.closingSoon': '⏳ Se cierra en menos de 24 h',
    'search.noResults': 'Ningún contacto coincide',
    'search.hint.fewerLetters':
      '• Escribe menos letras: los nombres coinciden desde el inicio de una palabra, con o sin tildes; los correos, por una parte o por `@dominio`; los teléfonos, por sus últimos dígitos.',
    'search.hint.allInbox': '• Pon la bandeja de entrada en *Todos* para incluir contactos asignados a otros.',
    'search.hint.ownInboxOnly': '• Solo se muestran los contactos asignados a ti.',
    'search.hint.anyStatus': '• Elige *Cualquier estado* para incluir conversaciones que siguen abiertas.',
    'search.hint.anyFilters': '• Elige *Cualquier canal* y *Cualquier ventana* en los filtros.',
    'search.hint.noContacts': '• Aún no hay contactos: impórtalos con `{importCommand}` o conecta un canal.',
    'search.count': '{total, plural, one {# contacto} many {# de contactos} other {# contactos}}',
    'search.firstOfPage':
      'Se muestran los primeros {shown, number} de {count, number} de esta página; acota la búsqueda para ver el resto.',
    'search.pagePosition':
      'Página {page, number} de {pages, number} · {first, number}–{last, number} de {total, number}',
    'search.previous': '◀ Anterior',
    'search.next': 'Siguiente ▶',
    'search.open': 'Abrir',
    'search.openLabel': 'Abrir {name}',
    'search.noChannels': 'Sin canales registrados',
    'search.contactLoading': 'Contacto',
    'search.problem.nothingSearchable':
      ':mag: No hay nada que buscar en “{text}”: escribe parte de un nombre, un correo electrónico o al menos {digits, number} dígitos de un número de teléfono.',
    'search.problem.phoneTooShort':
      ':mag: Muy pocos dígitos en “{text}” para buscar números de teléfono: escribe al menos {digits, number} dígitos (bastan los últimos) o parte de un nombre o de un correo electrónico.',
    'search.openFailed': ':warning: Followup no pudo abrir la búsqueda ({error}). Inténtalo de nuevo.',
    'search.openFailedSearched':
      ':warning: Followup no pudo abrir la búsqueda ({error}). Inténtalo de nuevo. Buscaste: {text}',

    'help.text':
      'Cómo usar {command}: busca contactos cuya conversación está cerrada y haz un seguimiento según las reglas de cada canal.',
    'help.title': 'Followup: seguimiento de conversaciones cerradas',
    'help.usage':
      '*`{command}`* abre la búsqueda. *`{searchExample}`* busca directamente. *`{helpCommand}`* muestra este mensaje.',
    'help.language':
      '*`{languageCommand}`* elige el idioma en que te habla Followup: {codes}, o `{auto}` para seguir el idioma de Slack.',
    'help.start': 'También puedes empezar desde el menú de atajos ⚡ o desde la pestaña Inicio de la app.',
    'help.search.title': '*Búsqueda*',
    'help.search.name':
      '• *Nombre*: el inicio de cualquier parte del nombre, con o sin tildes (`{example1}` encuentra “{match1}”, `{example2}` encuentra “{match2}”).',
    'help.search.email':
      '• *Correo electrónico*: cualquier parte de la dirección, o `{domainExample}` para todos los de un dominio.',
    'help.search.phone':
      '• *Teléfono*: solo dígitos, en cualquier formato; bastan los últimos dígitos (`{phoneExample}`).',
    'help.search.filters':
      '• *Filtros*: bandeja de entrada (*Mía* o *Todos*), estado de la conversación (*Cerrado* por defecto), canal, estado de la ventana y *se cierra en menos de 24 h*.',
    'help.states.title': '*Qué permite ahora cada canal*',
    'help.states.line': '{emoji} *{state}*: {meaning}',
    'help.footer':
      'Las horas se muestran en tu zona horaria. Enviar un seguimiento reabre la conversación y te la asigna. Las reglas se vuelven a comprobar en el momento en que pulsas Enviar.',

    'language.changed': 'Followup ahora te habla en {language}.',
    'language.changedAuto': 'Followup ahora sigue el idioma de tu Slack: {language}.',
    'language.current': 'Followup te habla en {language} (elegido por ti).',
    'language.currentAuto': 'Followup te habla en {language}: sigue el idioma de tu Slack.',
    'language.unknown': 'Followup no habla “{code}”.',
    'language.choose': 'Elige con `{command}`:',
    'language.choice': '• `{code}`: {name}',
    'language.choiceAuto': '• `{code}`: seguir el idioma de mi Slack',
    'language.failed': ':warning: Followup no pudo cambiar tu idioma ({error}). Inténtalo de nuevo.',

    // contact
    'contact.title': 'Contacto',
    'contact.close': 'Cerrar',
    'contact.field.email': '*Correo electrónico*\n{email}',
    'contact.field.phone': '*Teléfono*\n{phone}',
    'contact.field.language': '*Idioma*\n{language}',
    'contact.field.languageUnknown': '*Idioma*\nDesconocido',
    'contact.field.assignee': '*Asignado a*\n{assignee}',
    'contact.field.conversation': '*Conversación*\n{conversation}',
    'contact.assignMe': 'Asignarme',
    'contact.closeConversation': 'Cerrar conversación',
    'contact.closeConfirm.title': '¿Cerrar la conversación?',
    'contact.closeConfirm.text':
      'La conversación se marca como cerrada. La lógica de cierre de tu equipo decide si sigue asignada. Las ventanas de mensajería no se ven afectadas.',
    'contact.closeConfirm.confirm': 'Cerrarla',
    'contact.closeConfirm.deny': 'Cancelar',
    'contact.channels': '{count, plural, one {Canal} many {Canales (#)} other {Canales (#)}}',
    'contact.noChannels':
      'Este contacto no tiene ningún canal registrado, así que no se puede enviar nada. Un canal aparece cuando el contacto escribe o se importa con una dirección.',
    'contact.moreChannels':
      '{count, plural, one {…y # canal más que no se muestra.} many {…y # de canales más que no se muestran.} other {…y # canales más que no se muestran.}}',
    'contact.channel.badgeSandbox': '*{badge}* · 🧪 pruebas',
    'contact.channel.account': 'Cuenta: {account}',
    'contact.channel.freeTextThenAgent':
      'Texto libre hasta {freeUntil}, luego solo agente (HUMAN_AGENT) hasta {agentUntil}',
    'contact.channel.windowCloses': 'La ventana se cierra {when}',
    'contact.channel.cannotSend': '_No puedes enviar seguimientos: tu equipo limita quién puede enviarlos._',
    'contact.channel.sandboxNote': '_Entorno de pruebas: un seguimiento se registra aquí, no se entrega._',
    'contact.followUp': 'Hacer seguimiento',
    'contact.followUpLabel': 'Hacer seguimiento por {channel}',
    'contact.notAllowedTitle': 'No permitido',
    'contact.notAllowed': 'Tu equipo limita quién puede asignar y cerrar conversaciones. Pídeselo a un administrador.',
    'contact.notFoundTitle': 'Contacto no encontrado',
    'contact.notFound': 'Este contacto ya no existe (puede que se haya fusionado o eliminado).',

    // compose
    'compose.title': 'Seguimiento',
    'compose.send': 'Enviar',
    'compose.sendSandbox': 'Enviar (pruebas)',
    'compose.cancel': 'Cancelar',
    'compose.close': 'Cerrar',
    'compose.header': 'Para {name} por {channel}\n{badge}',
    'compose.sandbox': '🧪 *Entorno de pruebas*: este seguimiento se registra, no se entrega.',
    'compose.text.label': 'Mensaje',
    'compose.text.placeholder': 'Escribe por {channel}…',
    'compose.text.draftTooLong':
      ':warning: Tu borrador ({length, plural, one {# carácter} many {# de caracteres} other {# caracteres}}) supera lo que admite este cuadro ({max, number}); no se ha conservado.',
    'compose.text.hintNoLimit':
      'Sin límite de longitud en {channel}; este cuadro admite {max, plural, one {# carácter} many {# de caracteres} other {# caracteres}}.',
    'compose.text.hintBoxSmaller':
      '{channel} acepta hasta {limit, plural, one {# carácter} many {# de caracteres} other {# caracteres}}; este cuadro admite {max, number}.',
    'compose.text.hintBoxSmallerUtf16':
      '{channel} acepta hasta {limit, plural, one {# carácter} many {# de caracteres} other {# caracteres}} ({channel} cuenta unidades UTF-16: la mayoría de los emojis cuentan 2); este cuadro admite {max, number}.',
    'compose.text.hintUpTo':
      'Hasta {limit, plural, one {# carácter} many {# de caracteres} other {# caracteres}} en {channel}.',
    'compose.text.hintUpToUtf16':
      'Hasta {limit, plural, one {# carácter} many {# de caracteres} other {# caracteres}} en {channel} ({channel} cuenta unidades UTF-16: la mayoría de los emojis cuentan 2).',
    'compose.text.humanAgent':
      'Se envía con la etiqueta HUMAN_AGENT: escríbelo tú; las automatizaciones no pueden usarla.',
    'compose.text.chatbotBillable':
      ':warning: Cuenta como iniciado por chatbot y es facturable (cuota mensual gratuita agotada; Términos Comerciales de Chatbot).',
    'compose.text.chatbotFree':
      ':warning: Cuenta como iniciado por chatbot: {left, plural, one {queda # gratuito este mes} many {quedan # de gratuitos este mes} other {quedan # gratuitos este mes}}.',
    'compose.template.none':
      ':warning: *No hay plantillas de {channel} con estado APPROVED en {language}.*\nUna plantilla debe estar aprobada y en el idioma del contacto para poder enviarse. Pide a un administrador que añada o apruebe una; no se puede enviar nada más por {channel} hasta que el contacto vuelva a escribir.',
    'compose.template.noneLanguageUnknown':
      ':warning: *No hay plantillas de {channel} con estado APPROVED en el idioma del contacto (desconocido).*\nUna plantilla debe estar aprobada y en el idioma del contacto para poder enviarse. Pide a un administrador que añada o apruebe una; no se puede enviar nada más por {channel} hasta que el contacto vuelva a escribir.',
    'compose.template.label': 'Plantilla',
    'compose.template.placeholder': 'Elige una plantilla aprobada',
    'compose.template.hidden':
      '{hidden, plural, one {No se muestra # plantilla más (un menú admite {max, number}).} many {No se muestran # de plantillas más (un menú admite {max, number}).} other {No se muestran # plantillas más (un menú admite {max, number}).}}',
    'compose.template.noReopen': 'Una plantilla no reabre el texto libre: solo lo hace la respuesta del contacto.',
    'compose.template.tooManyVariables':
      ':warning: Esta plantilla tiene {count, plural, one {# variable} many {# de variables} other {# variables}}; en este formulario caben {max, number} como máximo. Elige otra plantilla.',
    'compose.template.preview': '*Vista previa*\n{preview}',
    'compose.template.fillIn': 'Completa {names}',
    'compose.template.fillInMore': 'Completa {names} y {more, plural, one {# más} many {# más} other {# más}}',
    'compose.template.length':
      '{length, number} / {max, plural, one {# carácter} many {# de caracteres} other {# caracteres}}',
    'compose.template.tooLong':
      ':warning: {length, plural, one {# carácter} many {# de caracteres} other {# caracteres}}: {channel} admite {max, number} en una plantilla',
    'compose.tag.none':
      ':no_entry: No hay etiquetas de mensaje habilitadas para {channel} después de la ventana, así que ahora no se puede enviar nada.',
    'compose.tag.label': 'Etiqueta de mensaje',
    'compose.tag.hint':
      'Usa cada etiqueta solo para su finalidad; si no, Meta puede rechazar el mensaje o restringir la página.',
    'compose.tag.placeholder': 'Elige de qué trata este mensaje',
    'compose.tagUse.ACCOUNT_UPDATE': 'Un cambio en su cuenta (p. ej., cambio de estado, actividad sospechosa)',
    'compose.tagUse.CONFIRMED_EVENT_UPDATE': 'Recordatorio o novedad de un evento en el que se inscribió',
    'compose.tagUse.POST_PURCHASE_UPDATE': 'Novedad sobre una compra que hizo (recibo, envío, estado del pedido)',
    'compose.tagUse.HUMAN_AGENT': 'Respuesta escrita por una persona, hasta 7 días tras su último mensaje',
    'compose.tagUse.other': 'Etiqueta de mensaje',
    'compose.closed.notYou': ':no_entry: No puedes enviar este seguimiento.',
    'compose.closed.nothing': ':no_entry: *Ahora no se puede enviar nada por {channel}.*',
    'compose.notAllowedNotice':
      'No tienes permiso para enviar seguimientos (tu equipo lo limita). Pídeselo a un administrador o asigna el contacto {name} a alguien que pueda.',
    'compose.gone': 'Este contacto o canal ya no existe.',
    'compose.outOfDate':
      'Este formulario está desactualizado. Vuelve a abrir el contacto y haz el seguimiento desde ahí.',
    'compose.goneNothingSent': 'Este contacto o canal ya no existe. No se envió nada.',
    'compose.notAllowedTitle': 'No permitido',
    'compose.notAllowedNothingSent': 'Tu equipo limita quién puede enviar seguimientos. No se envió nada.',
    'compose.windowChanged': ':warning: La ventana cambió mientras escribías.',
    'compose.draftKept': 'Tu mensaje, guardado para que no se pierda nada:\n{quote}',
    'compose.sending': 'Enviando…',
    'compose.sent.title': 'Enviado',
    'compose.sent.titleSandbox': 'Enviado (pruebas)',
    'compose.sent.text':
      ':white_check_mark: {kind, select, template {Enviado: plantilla *{template}* a {name} por {channel}.} tag {Enviado: mensaje con etiqueta ({tag}) a {name} por {channel}.} other {Enviado: mensaje a {name} por {channel}.}}',
    'compose.sent.textAgain':
      ':white_check_mark: {kind, select, template {Ya enviado: plantilla *{template}* a {name} por {channel}.} tag {Ya enviado: mensaje con etiqueta ({tag}) a {name} por {channel}.} other {Ya enviado: mensaje a {name} por {channel}.}}',
    'compose.sent.reopened': 'La conversación se ha reabierto y se te ha asignado.',
    'compose.sent.assigned': 'La conversación se te ha asignado.',
    'compose.sent.sandbox':
      ':test_tube: *Entorno de pruebas*: no hay ningún transporte configurado para este canal, así que nada salió de Slack. El seguimiento se registra como si se hubiera enviado.',
    'compose.queued.title': 'En cola',
    'compose.queued.text':
      ':hourglass_flowing_sand: {channel} aún no ha aceptado el seguimiento a {name} ({detail}). Se guarda en la bandeja de salida y se reintenta automáticamente desde {time}; lo verás en *Tus seguimientos recientes* en el Inicio de la app.',
    'compose.notSent.title': 'No enviado',
    'compose.notSent.checkFailed':
      ':x: No enviado: Followup no pudo comprobar este seguimiento ({why}). No se envió nada; inténtalo de nuevo.',
    'compose.notSent.recordFailed':
      ':x: No enviado: Followup no pudo registrar el seguimiento ({why}). No se envió nada; inténtalo de nuevo.',
    'compose.notSent.sendFailed':
      ':x: Algo salió mal durante el envío ({why}). Revisa el Inicio de la app antes de volver a intentarlo.',
    'compose.notSent.refused': ':warning: No enviado. {reason}',
    'compose.notSent.failed': ':x: El seguimiento a {name} por {channel} no se envió. {reason} ({detail})',
    'compose.notSent.failedNoDetail': ':x: El seguimiento a {name} por {channel} no se envió. {reason}',
    'compose.notSent.gone':
      ':x: El seguimiento a {name} por {channel} no se envió. Este contacto o canal ya no existe.',
    'compose.refusal.nothing': 'Ahora no se puede enviar nada por {channel}. {reason}',
    'compose.refusal.onlyKinds': 'Ahora {channel} solo acepta {kinds}.',
    'compose.refusal.templateNotApproved': 'La plantilla “{template}” está en estado {status}, no APPROVED.',
    'compose.refusal.templateWrongLanguage':
      'La plantilla “{template}” está en {templateLanguage}; el idioma del contacto es {contactLanguage}.',
    'compose.refusal.missingVariables': 'Completa {names}.',
    'compose.refusal.templateTooLong':
      'La plantilla completada tiene {length, plural, one {# carácter} many {# de caracteres} other {# caracteres}}; {channel} admite {max, number}.',
    'compose.refusal.textEmpty': 'Primero escribe un mensaje.',
    'compose.refusal.textTooLong':
      '{length, plural, one {# carácter} many {# de caracteres} other {# caracteres}}; {channel} admite {max, number}. Acórtalo (no se recorta nada automáticamente).',
    'compose.refusal.tagNotAllowed': 'La etiqueta {tag} no se acepta en {channel}.',
    'compose.refusal.pickTemplate': 'Elige una plantilla aprobada.',
    'compose.refusal.pickTag': 'Elige la etiqueta de mensaje adecuada para este seguimiento.',
    'compose.confirm.sent':
      '✅ {kind, select, template {*Enviado*: plantilla a {name} por {channel}} tag {*Enviado*: mensaje con etiqueta a {name} por {channel}} other {*Enviado*: mensaje a {name} por {channel}}}',
    'compose.confirm.sentSandbox':
      '🧪 {kind, select, template {*Registrado en el entorno de pruebas* (no entregado): plantilla a {name} por {channel}} tag {*Registrado en el entorno de pruebas* (no entregado): mensaje con etiqueta a {name} por {channel}} other {*Registrado en el entorno de pruebas* (no entregado): mensaje a {name} por {channel}}}',
    'compose.confirm.fallback':
      '{kind, select, template {Enviado: plantilla a {name} por {channel}} tag {Enviado: mensaje con etiqueta a {name} por {channel}} other {Enviado: mensaje a {name} por {channel}}}',
    'compose.confirm.fallbackSandbox':
      '{kind, select, template {Registrado (pruebas): plantilla a {name} por {channel}} tag {Registrado (pruebas): mensaje con etiqueta a {name} por {channel}} other {Registrado (pruebas): mensaje a {name} por {channel}}}',
    'compose.confirm.reopenedAssigned': 'La conversación se reabrió y se asignó a {assignee}.',
    'compose.confirm.reopened': 'La conversación se reabrió.',
    'compose.confirm.assigned': 'Asignada a {assignee}.',
    'compose.confirm.templateNoReopen': 'El texto libre solo vuelve a estar disponible cuando el contacto responde.',
    'compose.confirm.notDelivered':
      '“Enviado” no significa “entregado”: se informará de cualquier error posterior del proveedor.',

    // home
    'home.title': 'Followup',
    'home.greeting':
      'Hola, {agent}: busca un contacto cuya conversación esté cerrada, mira qué permite ahora cada canal y haz un seguimiento según sus reglas.',
    'home.findContact': 'Buscar un contacto',
    'home.sandbox':
      '🧪 *Entorno de pruebas*: aún no hay ningún canal conectado, así que los seguimientos se registran aquí y no se entregan a nadie.',
    'home.followUps.title': 'Haz el seguimiento antes de que se cierre la ventana',
    'home.followUps.none':
      'No hay seguimientos pendientes: ninguna de tus conversaciones cerradas tiene aún una ventana abierta.',
    'home.followUps.intro': 'Tus conversaciones cerradas cuya ventana sigue abierta, primero las que se cierran antes.',
    'home.followUps.more':
      '…y {more, number} más. Usa *Buscar un contacto* con el filtro de ventana para verlas todas.',
    'home.open': 'Abrir',
    'home.openLabel': 'Abrir {name}',
    'home.noChannels': 'Sin canales registrados',
    'home.recent.title': 'Tus seguimientos recientes',
    'home.recent.none': 'Aún no has enviado ningún seguimiento.',
    'home.recent.line':
      '{emoji} *{name}* · {channel} · {kind, select, template {plantilla} tag {mensaje con etiqueta} other {texto}} · {status} · {when}{sandbox, select, yes { · 🧪 pruebas} other {}}',
    'home.recent.queued': 'en cola',
    'home.recent.sent': 'enviado',
    'home.recent.failed': 'fallido',
    'home.recent.more': '…y {more, number} más.',
    'home.language.text': '*Idioma*: Followup te habla en {language}.',
    'home.language.placeholder': 'Elige un idioma',
    'home.language.auto': 'Seguir el idioma de mi Slack',

    // notifications
    'notifications.reminder': '⏳ La ventana de {channel} para {name} se cierra {when}.',
    'notifications.reminderFreeTextEnds':
      '⏳ El texto libre a {name} por {channel} termina {when}; después solo una persona puede escribir (HUMAN_AGENT) hasta {until}.',
    'notifications.closed': '🔴 La ventana de {channel} para {name} se cerró {when}.',
    'notifications.now': 'Ahora: {badge}. {reason}',
    'notifications.assigned': 'Asignado a {assignee}',
    'notifications.lateReminder':
      'Enviado con retraso: Followup no estaba en funcionamiento cuando tocaba este recordatorio.',
    'notifications.lateNotice': 'Aviso con retraso: Followup no estaba en funcionamiento cuando se cerró la ventana.',
    'notifications.followUp': 'Hacer seguimiento',
    'notifications.followUpOn': 'Hacer seguimiento por {channel}',
    'notifications.digest.reminderTitle':
      '⏳ {count, plural, one {# ventana se cierra pronto} many {# de ventanas se cierran pronto} other {# ventanas se cierran pronto}}',
    'notifications.digest.noticeTitle':
      '🔴 {count, plural, one {# ventana cerrada} many {# de ventanas cerradas} other {# ventanas cerradas}}',
    'notifications.digest.reminderIntro':
      'Conversaciones cerradas cuya ventana de mensajería termina pronto, a fecha de {time}. Haz el seguimiento mientras aún se permita texto libre.',
    'notifications.digest.noticeIntro':
      'Ventanas de mensajería que se cerraron, a fecha de {time}. En cada seguimiento se indica qué se puede enviar todavía.',
    'notifications.digest.closes': 'se cierra {when}',
    'notifications.digest.freeTextEnds': 'el texto libre termina {when}',
    'notifications.digest.closed': 'cerrada {when}',
    'notifications.digest.now': 'ahora {state}',
    'notifications.digest.late': 'con retraso',
    'notifications.digest.more':
      '…y {count, plural, one {# más} many {# más} other {# más}}. Búscalos con `{command}` y el filtro de ventana.',
    'notifications.digest.others': '{count, plural, one {# más} many {# más} other {# más}}',
    'notifications.digest.fallback': '{title}: {names}',

    // app
    'app.title': 'Seguimiento',
    'app.storeDownTitle': 'Followup',
    'app.close': 'Cerrar',
    'app.loading': 'Cargando…',
    'app.failedTitle': 'Algo salió mal',
    'app.failed':
      ':warning: Followup no pudo cargar esto. Inténtalo de nuevo; si sigue ocurriendo, avisa a tu administrador de Slack (los registros de la app tienen los detalles).',
    'app.storeDown': 'Followup no puede acceder a su almacenamiento; inténtalo de nuevo en un minuto.',
    'app.notConnected':
      'Followup aún no puede acceder a la Web API de Slack, así que no puede abrir ni enviar nada: inténtalo de nuevo en un minuto.',
  },
} satisfies Catalog;
// Glossary (seed term ← English): conversation ← conversación, contact ← contacto, closed ← cerrada (filtro «Cerrado»),
// assignee ← agente asignado (asignado a ti), template ← plantilla (de mensajes de WhatsApp), message tag ← etiqueta de
// mensaje, messaging window ← ventana de mensajería, agent ← agente, inbox ← Bandeja de entrada, follow-up ← seguimiento
