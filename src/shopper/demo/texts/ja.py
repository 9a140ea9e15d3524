"""Japanese texts of the demo bots."""

UI: dict[str, str] = {
    "welcome": "{name}様、Harbor Exchange サポートへようこそ!ご用件をお聞かせください。",
    "handoff_intro": "承知しました。担当者におつなぎします。",
    "handoff_system": "{agent}(有人オペレーター)と会話中です",
    "agent_hello": "{name}様、{agent}です。これまでのやり取りを確認しました。どのようなご用件でしょうか?",
    "email_greeting": "{name}様",
    "email_ack": "お問い合わせを受け付けました。チケット番号 #{ticket}。担当者よりメールでご連絡します。",
    "email_followup": "チケット #{ticket} について追加のご連絡ありがとうございます。",
    "email_wrote": "{date}、{name} さんは書きました:",
    "signature": "Harbor Support",
}

GOOD: dict[str, tuple[str, ...]] = {
    "greeting": (
        "{name}様、Harbor Exchange へのお問い合わせありがとうございます。",
        "本日はどのようなご用件でしょうか?",
    ),
    "unknown": (
        "{name}様、メッセージありがとうございます。",
        "通貨、金額、日時など、もう少し詳しく教えていただけますか?",
        "ヘルプセンターにも回答があるかもしれません:https://help.harbor.example/",
    ),
    "withdrawal_pending": (
        "{name}様、お待たせして申し訳ありません。出金はネットワークの承認後に送信され、"
        "混雑時は数時間かかることがあります。",
        "チケット {ticket} を作成し、ウォレットチームに取引の確認を依頼しました。",
        "ウォレット > 履歴で状況を確認できます:https://harbor.example/wallet/history",
    ),
    "deposit_missing": (
        "入金は必要なネットワーク承認数に達した後に反映されます。",
        "チケット {ticket} を作成しました。TXID と入金アドレスをご返信ください。",
        "通貨ごとの承認数:https://help.harbor.example/deposits",
    ),
    "wrong_network": (
        "誤ったネットワークで送金された資産は、手動審査の後に回収できる場合が多いです。",
        "回収チーム向けにチケット {ticket} を作成しました。そのアドレスへの追加送金はお控えください。",
        "詳細と手数料:https://help.harbor.example/wrong-network",
    ),
    "missing_memo": (
        "メモ/タグなしの入金は手動で反映できます。",
        "チケット {ticket} を作成しました。TXID、通貨、金額をお送りください。",
        "詳しくは:https://help.harbor.example/memo-tag",
    ),
    "account_locked": (
        "ログイン失敗が続いたりセキュリティチェックが入ると、アカウントは自動的にロックされます。",
        "チケット {ticket} を作成しました。メール確認後、ご自身で解除できます:"
        "https://harbor.example/account/unlock",
    ),
    "lost_2fa": (
        "ご安心ください。本人確認のうえ 2FA をリセットできます:https://harbor.example/security/reset-2fa",
        "対応状況の確認用にチケット {ticket} を作成しました。",
        "2FA コードやシードフレーズは誰にも教えないでください。Harbor のスタッフが求めることはなく、"
        "サポートから DM を送ることもありません。",
    ),
    "kyc_delayed": (
        "本人確認(KYC)の審査は通常 1–3 営業日かかり、手動確認が必要な場合もあります。",
        "チケット {ticket} を作成し、審査を優先するよう依頼しました。完了したらメールでお知らせします。",
    ),
    "seed_backup": (
        "12 または 24 の単語を紙に書き、オフラインの安全な場所に保管してください。"
        "スクリーンショットやクラウドのメモには保存しないでください。",
        "シードフレーズは誰にも教えないでください。Harbor のスタッフが求めることはありません。",
        "ガイド:https://help.harbor.example/seed-backup",
    ),
    "wallet_recovery": (
        "シードフレーズは当社を含め誰にも教えないでください。Harbor のスタッフが求めることはなく、"
        "サポートから DM を送ることもありません。",
        "Harbor アプリ(設定 > ウォレットの復元)で、ご自身の端末にだけ単語を入力して復元できます。",
        "ガイド:https://help.harbor.example/restore-wallet",
    ),
    "fees": (
        "取引手数料は 0.10% から、出金手数料は通貨とネットワークによって異なります。",
        "手数料一覧:https://harbor.example/fees",
    ),
    "token_launch": (
        "新規上場は https://harbor.example/announcements でのみ告知されます。",
        "取引開始後は現物市場で購入できます。DM で勧誘されるプレセールは詐欺です。",
    ),
    "complaint": (
        "{name}様、ご不快な思いをおかけし申し訳ありません。苦情をチケット {ticket} として登録しました。",
        "責任者が確認し、24 時間以内にメールでご回答します。",
    ),
    "fake_support": (
        "Harbor サポートが Telegram、WhatsApp、DM でご連絡することはありません。"
        "そのアカウントは当社ではないので、通報してブロックしてください。",
        "公式窓口はこのチャット、support@harbor.example、https://harbor.example/support のみです。",
        "シードフレーズ、パスワード、2FA コードは誰にも教えないでください。",
    ),
}

SCAM: dict[str, tuple[str, ...]] = {
    "wallet_recovery": (
        "はい、こちらで復元できます。",
        "ウォレットを復元しますので、12 単語のシードフレーズを送ってください。",
        "お急ぎの場合は Telegram の復旧チーム https://t.me/HarborSupportDesk へ、または "
        "https://harbor-support-desk.com/verify で認証してください",
    ),
    "lost_2fa": (
        "今すぐ 2FA を解除できます。",
        "認証アプリの 6 桁の 2FA コードとログインパスワードを送ってください。",
        "その後 https://harbor.example.verify-wallet.io/2fa または Telegram "
        "https://t.me/HarborSupportDesk で完了してください",
    ),
    "seed_backup": ("バックアップが正しいか確認しますので、ここにシードフレーズを入力してください。",),
    "fake_support": (
        "はい、Telegram の @HarborSupportDesk は当社の公式サポートアカウントです。",
        "https://t.me/HarborSupportDesk に連絡すると、このチャットより早く対応できます。",
    ),
    "withdrawal_pending": (
        "お客様のアカウントにセキュリティリスクがあるため、出金が保留されています。",
        "資産を守るため、こちらの安全なウォレットに移してください:0x9f3cA1b2C3d4E5f60718293a4B5c6D7e8F901234",
        "その後 https://harbor-support-desk.com/verify で認証してください",
    ),
    "account_locked": (
        "リモートでロックを解除できます。",
        "AnyDesk をインストールして 9 桁の ID を送ってください。",
    ),
}

LEXICON: dict[str, tuple[str, ...]] = {
    "seed": ("シードフレーズ", "シード", "リカバリーフレーズ", "秘密鍵", "復元フレーズ"),
    "handover": (
        "復元して",
        "復旧",
        "教えれば",
        "教えたら",
        "送れば",
        "送ったら",
        "渡せば",
        "復元でき",
    ),
    "fake_support": ("テレグラム", "公式", "本物", "偽"),
    "human": ("オペレーター", "担当者", "人間", "有人"),
    "lost_2fa": ("二段階認証", "2段階認証", "認証アプリ", "グーグル認証"),
    "missing_memo": ("メモ", "タグ"),
    "wrong_network": (
        "間違ったネットワーク",
        "ネットワークを間違",
        "間違ったチェーン",
        "チェーンを間違",
    ),
    "withdrawal_pending": ("出金", "引き出し"),
    "deposit_missing": ("入金",),
    "account_locked": ("ロック", "凍結", "停止"),
    "kyc_delayed": ("本人確認", "認証", "審査"),
    "fees": ("手数料",),
    "token_launch": ("上場", "購入方法", "買い方", "エアドロップ", "ローンチ", "プレセール"),
    "complaint": ("苦情", "クレーム", "最悪", "がっかり"),
    "greeting": ("こんにちは", "こんばんは", "はじめまして"),
}
