import Foundation

/// The texts of message delivery (see ``Strings``).
extension Strings {
    enum MessageDelivery {
        static func channelLabel(_ channel: DeliveryChannel) -> String {
            switch channel {
            case .sms: "短信"
            case .email: "电子邮件"
            }
        }

        static func stateLabel(_ state: OutboxMessage.State) -> String {
            switch state {
            case .pending: "待发送"
            case .sent: "已发出"
            case .delivered: "已送达"
            case .failed: "未送达"
            case .dead: "发送失败"
            }
        }

        /// The name on notification mail.
        static let mailSenderName = "政通协同办公平台"

        static func mailBody(title: String, body: String?) -> String {
            [title, body].compactMap { $0?.isEmpty == false ? $0 : nil }.joined(separator: "\n\n")
        }

        static func mailWithLink(_ text: String, link: String?) -> String {
            var lines = [text]
            if let link { lines.append("查看：\(link)") }
            lines.append("此邮件由政通协同办公平台自动发送，请勿直接回复。")
            return lines.joined(separator: "\n\n")
        }

        static let preferencesSaved = "提醒方式已保存。"
        static let settingsSaved = "消息发送设置已保存。"
        static let resent = "已重新排入发送队列。"
        static let notResendable = "只有发送失败或未送达的消息可以重发。"
        static let timeInvalid = "请填写 00:00 到 23:59 之间的时间，例如 08:30。"
        static func outOfRange(_ range: ClosedRange<Int>) -> String { "请填写 \(range.lowerBound) 到 \(range.upperBound) 之间的整数，或留空使用平台默认值。" }
        static let monthInvalid = "月份格式应为 2026-12。"
        static let signatureInvalid = "签名无效或已过期。"
        static func digestTitle(_ count: Int) -> String { "您有 \(count) 件待办事项" }
    }
}

extension Strings {
    static let deliveryPage: [String: String] = [
        "preferences_title": "提醒方式",
        "preferences_link": "提醒方式设置",
        "preferences_back": "返回消息",
        "preferences_intro": "每类消息都会出现在站内消息（铃铛）中；您可以选择哪些消息同时发送到手机短信或电子邮箱。",
        "preferences_contacts": "接收号码与邮箱",
        "preferences_phone": "手机",
        "preferences_email": "邮箱",
        "preferences_none": "未登记",
        "preferences_email_closed": "本单位网络未开通外部电子邮件，邮件提醒暂不发送。",
        "preferences_kind": "消息类别",
        "preferences_bell": "站内消息",
        "preferences_sms": "短信",
        "preferences_mail": "电子邮件",
        "preferences_always": "始终",
        "preferences_required": "单位要求",
        "preferences_urgent_note": "特急公文和重大预警按单位要求始终发送短信，不受以下免打扰时段限制。",
        "preferences_quiet": "免打扰时段",
        "preferences_quiet_on": "免打扰时段内暂缓非紧急短信，到时段结束再发送",
        "preferences_quiet_from": "从",
        "preferences_quiet_until": "到",
        "preferences_quiet_help": "24 小时制，例如 22:00 到 07:00。",
        "preferences_digest": "每日待办汇总",
        "preferences_digest_at": "本单位每天发送时间：",
        "preferences_digest_off": "本单位未开启每日待办汇总。",
        "preferences_save": "保存",
        "messages_title": "消息发送记录",
        "messages_monthly": "月度发送量",
        "messages_month": "月份",
        "messages_sms": "短信",
        "messages_email": "电子邮件",
        "messages_delivered": "成功",
        "messages_failed": "失败",
        "messages_pending": "待发送",
        "messages_log": "发送明细",
        "messages_channel": "渠道",
        "messages_state": "状态",
        "messages_any": "全部",
        "messages_filter": "筛选",
        "messages_empty": "没有发送记录。",
        "messages_time": "时间",
        "messages_kind": "消息类别",
        "messages_recipient": "接收人",
        "messages_address": "号码或地址",
        "messages_done": "发出或送达",
        "messages_resend": "重发",
        "delivery_settings_title": "消息发送设置",
        "delivery_sms_on": "短信网关已配置：短信提醒即时发出。",
        "delivery_sms_off": "短信网关尚未配置（ZHENGTONG_SMS_WEBHOOK_URL）：短信在队列中等待，配置后发出。",
        "delivery_smtp_on": "外部邮件服务器已配置。",
        "delivery_smtp_off": "外部邮件服务器尚未配置（ZHENGTONG_SMTP_HOST）。",
        "delivery_email_allowed": "本单位网络允许向外部邮件服务器发送提醒邮件",
        "delivery_email_help": "仅在单位网络可访问外部邮件服务器时开启；个人可在提醒方式中选择哪些消息发送邮件。",
        "delivery_digest_time": "每日待办汇总发送时间",
        "delivery_mail": "内部邮件",
        "delivery_mail_quota": "每人邮箱容量（MB）",
        "delivery_mail_attachment": "单个附件大小上限（MB）",
        "delivery_mail_default": "留空则使用平台默认值：",
        "delivery_digest_help": "24 小时制，例如 08:30；留空则不发送。有待办的人员在该时间收到一条汇总短信或邮件。",
    ]
}
